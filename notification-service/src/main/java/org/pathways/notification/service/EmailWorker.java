package org.pathways.notification.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.platform.background.BackgroundWorker;
import org.pathways.notification.client.DirectoryClient;
import org.pathways.notification.client.KeycloakUsers;
import org.pathways.notification.domain.Messages;
import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.ReferralParty;
import org.pathways.notification.repository.EmailRepository;
import org.pathways.notification.repository.NotificationRepository;
import org.pathways.notification.repository.ReferralPartyRepository;
import org.pathways.platform.tracing.TraceContext;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends queued e-mails over SMTP after the notification committed. The text is fixed per kind plus a short reference
 * (Messages); the address is looked up at send time — a user's in Keycloak, an organisation mailbox's in the
 * directory — and never stored or logged. At least once:
 * a kill between sending and marking sends that one e-mail again.
 */
@ApplicationScoped
public class EmailWorker extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(EmailWorker.class);
    private static final int MAX_ATTEMPTS = 10;

    @Inject
    EmailRepository emails;

    @Inject
    NotificationRepository notifications;

    @Inject
    KeycloakUsers users;

    @Inject
    DirectoryClient directory;

    @Inject
    ReferralPartyRepository parties;

    @Inject
    Mailer mailer;

    @Inject
    OpenTelemetry openTelemetry;

    @ConfigProperty(name = "pathways.email.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "pathways.email.poll-interval", defaultValue = "5s")
    Duration poll;

    void start(@Observes StartupEvent e) {
        if (enabled) begin("email-worker");
    }

    void stop(@Observes ShutdownEvent e) {
        end();
    }

    @Override
    protected Duration pollInterval() {
        return poll;
    }

    @Override
    protected boolean runOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<EmailRepository.Pending> due = emails.claimDue(20);
            for (EmailRepository.Pending p : due) send(p);
            return due.size() == 20;
        });
    }

    private void send(EmailRepository.Pending p) {
        // In the trace of the event that caused it (ADR 0077), like a webhook delivery: one span per attempt.
        Span span = attemptSpan(p);
        try (Scope ignored = span.makeCurrent()) {
            String outcome = attempt(p);
            span.setAttribute("pathways.email.outcome", outcome);
            if ("RETRY".equals(outcome) || "FAILED".equals(outcome)) span.setStatus(StatusCode.ERROR);
        } finally {
            span.end();
        }
    }

    /** Sends one queued e-mail; the outcome as a code (SENT, SKIPPED, RETRY, FAILED, or LOCKED: left for the next poll). */
    private String attempt(EmailRepository.Pending p) {
        Optional<Notification> n = notifications.find(p.notificationId());
        if (n.isEmpty() || (p.userId() != null && !emails.optedIn(p.userId()))) {
            emails.finish(p.id(), "SKIPPED");
            return "SKIPPED";
        }
        // Another replica is deciding this event's e-mails now: leave this one pending for the next poll (its row lock
        // ends with this transaction), so each address gets one e-mail per event whichever replica sends it.
        if (!emails.tryLockEventOf(p.notificationId())) return "LOCKED";
        try {
            Optional<String> address = p.userId() != null ? users.email(p.userId()) : mailboxAddress(n.get());
            if (address.isEmpty() || alreadySentTo(p, address.get())) {
                emails.finish(p.id(), "SKIPPED");
                return "SKIPPED";
            }
            mailer.send(Mail.withText(address.get(), Messages.emailSubject(n.get().kind()),
                    Messages.emailBody(n.get())));
            emails.finish(p.id(), "SENT");
            return "SENT";
        } catch (RuntimeException e) { // SMTP refused or Keycloak unreachable: try again later
            if (p.attempts() + 1 >= MAX_ATTEMPTS) {
                emails.finish(p.id(), "FAILED");
                LOG.warnf("e-mail %d for notification %s failed for good (%s)", p.id(), p.notificationId(), e.getClass().getSimpleName());
                return "FAILED";
            }
            long seconds = Math.min(3600, 5L << Math.min(p.attempts(), 10));
            emails.retryLater(p.id(), OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds));
            return "RETRY";
        }
    }

    /**
     * A CLIENT span under the e-mail's stored trace context; none (a no-op span) for an e-mail caused outside a trace,
     * as for webhooks. No address, subject or text as attributes: ids and codes only.
     */
    private Span attemptSpan(EmailRepository.Pending p) {
        Context parent = TraceContext.extract(p.traceParent(), p.traceState());
        if (!Span.fromContext(parent).getSpanContext().isValid()) return Span.getInvalid();
        return openTelemetry.getTracer("org.pathways.notification.email").spanBuilder("email send")
                .setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute("pathways.notification.id", p.notificationId().toString())
                .setAttribute("pathways.email.recipient", p.userId() != null ? "USER" : "MAILBOX")
                .setAttribute("pathways.email.attempt", p.attempts() + 1L)
                .startSpan();
    }

    /**
     * Whether this event already went to this address (ADR 0049): a SPOC whose own address is also the mailbox's gets
     * one e-mail, not two. Addresses are never stored, so those of the e-mails already sent are looked up again (cached);
     * within a batch the earlier ones are marked SENT in this same transaction.
     */
    private boolean alreadySentTo(EmailRepository.Pending p, String address) {
        for (EmailRepository.Pending sent : emails.sentForSameEvent(p.notificationId(), p.id())) {
            try {
                Optional<String> other = sent.userId() != null ? users.email(sent.userId())
                        : notifications.find(sent.notificationId()).flatMap(this::mailboxAddress);
                if (other.isPresent() && other.get().trim().equalsIgnoreCase(address.trim())) return true;
            } catch (RuntimeException e) {
                // Cannot tell: better a second e-mail than none.
            }
        }
        return false;
    }

    /**
     * An organisation mailbox's address: the mailbox of the service the notice is about (a referral to that
     * organisation's service, or a directory notice about one), else the organisation's own (ADR 0043).
     */
    private Optional<String> mailboxAddress(Notification n) {
        UUID org = n.recipient().id();
        UUID service = null;
        if (n.kind().startsWith("DIRECTORY_")) {
            service = UUID.fromString(n.aggregateId()); // a directory event's subject: a UUID, checked on the way in
        } else if (n.referralId() != null) {
            service = parties.find(n.referralId()).filter(rp -> org.equals(rp.toOrganisationId()))
                    .map(ReferralParty::toServiceId).orElse(null);
        }
        return directory.mailboxAddress(org, service);
    }
}
