package org.pathways.notification.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.Recipient;
import org.pathways.platform.repository.Jdbc;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Fan-out of committed notifications to open SSE streams, across every replica of the service: whoever committed an
 * entry announces it with PostgreSQL {@code NOTIFY} on one channel, and every replica {@code LISTEN}s on a connection
 * of its own and hands what it hears to its streams. So a stream sees every entry whichever replica consumed the event
 * (ADR 0081; before, an in-process broadcaster showed only its own replica's). Announced only after the transaction
 * that created them committed, so a stream never shows an entry the inbox does not have. The payload is the entry
 * itself — ids, kinds, states and reason codes only, never personal data.
 */
@ApplicationScoped
public class LiveUpdates {

    static final String CHANNEL = "pathways_inbox";
    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);

    /** An entry and the users told personally about the same event in the same commit (to show her each event once). */
    record Live(Notification notification, Set<UUID> toldPersonally) {
    }

    private final BroadcastProcessor<Live> processor = BroadcastProcessor.create();

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent ev) {
        running = true;
        listener = new Thread(this::listen, "inbox-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (listener != null) listener.interrupt();
    }

    /** Announces committed entries to every replica's streams (one round trip for the batch). */
    public void publish(List<Notification> committed) {
        if (committed.isEmpty()) return;
        Map<String, Set<UUID>> personal = new HashMap<>();
        for (Notification n : committed) {
            if (n.recipient().kind() == Recipient.Kind.USER) {
                personal.computeIfAbsent(n.eventId(), k -> new HashSet<>()).add(n.recipient().id());
            }
        }
        List<String> payloads = new ArrayList<>(committed.size());
        for (Notification n : committed) {
            try {
                payloads.add(json.writeValueAsString(new Live(n, personal.getOrDefault(n.eventId(), Set.of()))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            jdbc.query("select pg_notify(?, p) from unnest(?) as p", ps -> {
                Array array = ps.getConnection().createArrayOf("text", payloads.toArray());
                ps.setString(1, CHANNEL);
                ps.setArray(2, array);
            }, rs -> Boolean.TRUE);
        } catch (IllegalStateException e) {
            // The entries are in the inbox; an open stream misses them until its client re-reads GET /api/inbox.
            LOG.warnf("live update of %d inbox entries not announced (%s)", committed.size(),
                    e.getCause() instanceof SQLException sql ? sql.getSQLState() : e.getMessage());
        }
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

    /**
     * The listening loop: one connection of its own (outside the pool, which would reclaim it), reconnecting with
     * backoff when PostgreSQL goes away. The only caller of the broadcaster, so its events are never emitted concurrently.
     */
    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, username.orElse(null), password.orElse(null))) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                backoff = 500;
                while (running) {
                    PGNotification[] heard = pg.getNotifications(1_000);
                    if (heard == null) continue;
                    for (PGNotification n : heard) deliver(n.getParameter());
                }
            } catch (SQLException e) {
                if (!running) return;
                LOG.warnf("inbox listener lost its connection (%s); reconnecting in %d ms", e.getSQLState(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void deliver(String payload) {
        try {
            processor.onNext(json.readValue(payload, Live.class));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("unreadable live update ignored (%s)", e.getClass().getSimpleName());
        }
    }
}
