package org.pathways.notification.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.pathways.notification.domain.Delivery;
import org.pathways.notification.domain.Messages;
import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.Recipient;
import org.pathways.notification.domain.Subscription;
import org.pathways.notification.repository.WebhookRepository;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Request and response bodies. Unknown fields are refused (platform defaults); responses hold ids, codes and fixed text. */
public final class Dtos {

    private Dtos() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InboxItem(UUID id, String kind, String text, String reference, UUID referralId, String aggregateId, String state,
            String reasonCode, boolean organisationMailbox, String link, OffsetDateTime createdAt, OffsetDateTime readAt) {

        public static InboxItem of(Notification n) {
            return new InboxItem(n.id(), n.kind(), Messages.text(n.kind()), Messages.reference(n), n.referralId(),
                    n.aggregateId(), n.state(), n.reasonCode(), n.recipient().kind() == Recipient.Kind.ORG,
                    n.referralId() == null ? null : "/referrals/" + n.referralId(), n.createdAt(), n.readAt());
        }
    }

    public record InboxPage(long totalItems, long unread, int page, int size, List<InboxItem> items) {
    }

    public record UnreadCount(long unread) {
    }

    public record StreamTicket(String ticket, OffsetDateTime expiresAt) {
    }

    public record EmailPreference(@NotNull Boolean enabled) {
    }

    public record SubscriptionRequest(
            UUID organisationId,
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 40) List<@NotBlank String> eventTypes,
            Boolean active) {
    }

    /** The secret appears only in the answer to the creation, never again. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(UUID id, UUID organisationId, String url, List<String> eventTypes, boolean active,
            String disabledReason, String secret, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static SubscriptionView of(Subscription s, boolean withSecret) {
            return new SubscriptionView(s.id(), s.organisationId(), s.url(), s.eventTypes(), s.active(), s.disabledReason(),
                    withSecret ? s.secret() : null, s.createdAt(), s.updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(UUID id, long sequence, String eventId, String eventType, String orderKey, String status,
            int attempts, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt,
            Integer lastStatus, String lastError, List<WebhookRepository.Attempt> attemptLog) {

        static DeliveryView of(Delivery d, List<WebhookRepository.Attempt> attempts) {
            return new DeliveryView(d.id(), d.seq(), d.eventId(), d.eventType(), d.orderKey(), d.status(), d.attempts(),
                    d.createdAt(), "PENDING".equals(d.status()) ? d.nextAttemptAt() : null, d.deliveredAt(), d.lastStatus(),
                    d.lastError(), attempts);
        }
    }
}
