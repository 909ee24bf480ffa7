package org.pathways.directory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.events.payload.DirectoryRoutingChanged;
import org.pathways.directory.domain.RoutingChange;
import org.pathways.directory.domain.Spoc;
import org.pathways.platform.outbox.Outbox;

/**
 * Records a change of who receives referrals (a service's or organisation's SPOC user or mailbox) in
 * {@code routing_change} and announces it on {@code directory.events}, in the caller's transaction (ADR 0015).
 * Whoever may redirect a service's referrals may redirect her story: the organisation's admins are told every time.
 * Ids and codes only: which parts changed, never the username or the mailbox address.
 */
@ApplicationScoped
public class RoutingAudit {

    public enum Source { API, IMPORT }

    /** The parts of a SPOC that decide who receives referrals; empty when nothing changed. */
    public static List<String> changedParts(Spoc before, Spoc after) {
        List<String> parts = new ArrayList<>();
        UUID u0 = before == null ? null : before.userId, u1 = after == null ? null : after.userId;
        String n0 = before == null ? null : before.username, n1 = after == null ? null : after.username;
        String m0 = before == null ? null : before.mailbox, m1 = after == null ? null : after.mailbox;
        if (!Objects.equals(u0, u1) || !Objects.equals(n0, n1)) parts.add("USER");
        if (!Objects.equals(m0 == null ? null : m0.toLowerCase(java.util.Locale.ROOT),
                m1 == null ? null : m1.toLowerCase(java.util.Locale.ROOT))) {
            parts.add("MAILBOX");
        }
        return parts;
    }

    @Inject
    Outbox outbox;

    /** Audits and announces the change; does nothing when the SPOC is the same. Returns the audit row's id (or null). */
    public UUID record(UUID organisationId, UUID serviceId, Spoc before, Spoc after, Source source, UUID actor) {
        List<String> parts = changedParts(before, after);
        if (parts.isEmpty()) return null;
        UUID id = UUID.randomUUID();
        OffsetDateTime now = DirectoryWrites.now();
        UUID previousUser = before == null ? null : before.userId;
        UUID newUser = after == null ? null : after.userId;
        RoutingChange row = new RoutingChange();
        row.id = id;
        row.organisationId = organisationId;
        row.serviceId = serviceId;
        row.actorUserId = actor;
        row.source = source.name();
        row.userChanged = parts.contains("USER");
        row.mailboxChanged = parts.contains("MAILBOX");
        row.previousSpocUserId = previousUser;
        row.spocUserId = newUser;
        row.changedAt = now;
        row.persist();
        outbox.publish(new DirectoryRoutingChanged(id, serviceId, organisationId, actor, source.name(), List.copyOf(parts),
                previousUser, newUser, now.toString()));
        return id;
    }
}
