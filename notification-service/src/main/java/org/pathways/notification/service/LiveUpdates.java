package org.pathways.notification.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.Recipient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * In-process fan-out of committed notifications to open SSE streams. Published only after the transaction that
 * created them committed, so a stream never shows an entry the inbox does not have. One instance per process: with
 * several instances each stream sees the notifications its own instance consumed (ADR 0041).
 */
@ApplicationScoped
public class LiveUpdates {

    private final BroadcastProcessor<Notification> processor = BroadcastProcessor.create();

    public void publish(List<Notification> committed) {
        committed.forEach(processor::onNext);
    }

    /** Entries for this user, and for her organisation's mailbox when {@code mailboxOrg} is not null. */
    public Multi<Notification> stream(UUID userId, UUID mailboxOrg) {
        // The broadcaster does not wait for slow readers: each stream buffers its own entries (a stream that falls
        // 1,000 behind fails, and the client re-reads GET /api/inbox when it reconnects).
        return processor.filter(n -> (n.recipient().kind() == Recipient.Kind.USER && n.recipient().id().equals(userId))
                || (mailboxOrg != null && n.recipient().kind() == Recipient.Kind.ORG && n.recipient().id().equals(mailboxOrg)))
                .onOverflow().buffer(1_000);
    }
}
