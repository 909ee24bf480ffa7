package org.pathways.notification.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** An entry and the users told personally about the same event in the same commit (to show her each event once). */
    private record Live(Notification notification, Set<UUID> toldPersonally) {
    }

    private final BroadcastProcessor<Live> processor = BroadcastProcessor.create();

    public void publish(List<Notification> committed) {
        Map<String, Set<UUID>> personal = new HashMap<>();
        for (Notification n : committed) {
            if (n.recipient().kind() == Recipient.Kind.USER) {
                personal.computeIfAbsent(n.eventId(), k -> new HashSet<>()).add(n.recipient().id());
            }
        }
        committed.forEach(n -> processor.onNext(new Live(n, personal.getOrDefault(n.eventId(), Set.of()))));
    }

    /** Entries for this user, and for her organisation's mailbox when {@code mailboxOrg} is not null. */
    public Multi<Notification> stream(UUID userId, UUID mailboxOrg) {
        // The broadcaster does not wait for slow readers: each stream buffers its own entries (a stream that falls
        // 1,000 behind fails, and the client re-reads GET /api/inbox when it reconnects).
        // A mailbox entry is left out when she was told personally about the same event (ADR 0049), as in GET /api/inbox.
        return processor.filter(l -> {
            Notification n = l.notification();
            return (n.recipient().kind() == Recipient.Kind.USER && n.recipient().id().equals(userId))
                    || (mailboxOrg != null && n.recipient().kind() == Recipient.Kind.ORG && n.recipient().id().equals(mailboxOrg)
                            && !l.toldPersonally().contains(userId));
        }).map(Live::notification).onOverflow().buffer(1_000);
    }
}
