package org.pathways.notification.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.notification.domain.Notification;
import org.pathways.notification.repository.NotificationRepository;
import org.pathways.notification.repository.TicketRepository;
import org.pathways.notification.repository.TicketRepository.Ticket;

/**
 * Inbox reads and stream tickets. A reader sees her own entries and, when she holds a single-point-of-contact role,
 * her organisation's mailbox; everything else is 404 to her.
 */
@ApplicationScoped
public class InboxService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whose boxes: the user, and the organisation whose mailbox she may read (null if none). */
    public record Reader(UUID userId, UUID mailboxOrg) {
    }

    @Inject
    NotificationRepository notifications;

    @Inject
    TicketRepository tickets;

    @ConfigProperty(name = "pathways.inbox.stream-ticket-ttl", defaultValue = "60s")
    Duration ticketTtl;

    @Transactional
    public List<Notification> page(Reader r, boolean unreadOnly, int page, int size) {
        return notifications.page(r.userId(), r.mailboxOrg(), unreadOnly, page * size, size);
    }

    @Transactional
    public long count(Reader r, boolean unreadOnly) {
        return notifications.count(r.userId(), r.mailboxOrg(), unreadOnly);
    }

    @Transactional
    public Optional<Notification> markRead(Reader r, UUID id) {
        Optional<Notification> n = notifications.findVisible(id, r.userId(), r.mailboxOrg());
        n.ifPresent(x -> notifications.markRead(id, OffsetDateTime.now(ZoneOffset.UTC)));
        return n.flatMap(x -> notifications.find(id));
    }

    /** A fresh opaque ticket (256 random bits); only its SHA-256 is stored. */
    @Transactional
    public String[] issueTicket(Reader r) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(ticketTtl);
        tickets.insert(hash(ticket), new Ticket(r.userId(), r.mailboxOrg(), r.mailboxOrg() != null), expires);
        return new String[] {ticket, expires.toString()};
    }

    /** Redeems a ticket once; empty when unknown, used or expired. */
    @Transactional
    public Optional<Reader> redeem(String ticket) {
        if (ticket == null || ticket.length() < 20 || ticket.length() > 100) return Optional.empty();
        return tickets.take(hash(ticket)).map(t -> new Reader(t.userId(), t.mailbox() ? t.organisationId() : null));
    }

    static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
