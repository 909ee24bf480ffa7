package org.pathways.notification.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where one event goes: the notification kind, its inbox recipients, and the organisations whose webhook
 * subscriptions may receive it. {@code degraded} names the lookup that failed when a fallback (an organisation
 * mailbox) was used instead of named people. {@code referrals} names, for an event that is not about one referral
 * (a consent withdrawal), the referral each recipient's entry is about; {@code kinds} a recipient's own kind where it
 * differs from the event's (the team around her, ADR 0069).
 */
public record Routed(String kind, List<Recipient> recipients, Set<UUID> webhookOrganisations, String degraded,
        Map<Recipient, UUID> referrals, Map<Recipient, String> kinds) {

    public Routed(String kind, List<Recipient> recipients, Set<UUID> webhookOrganisations, String degraded) {
        this(kind, recipients, webhookOrganisations, degraded, Map.of(), Map.of());
    }

    public Routed(String kind, List<Recipient> recipients, Set<UUID> webhookOrganisations, String degraded,
            Map<Recipient, UUID> referrals) {
        this(kind, recipients, webhookOrganisations, degraded, referrals, Map.of());
    }

    /** The recipient's notification kind: her own (a team member told of a move, ADR 0069), else the event's. */
    public String kindFor(Recipient r) {
        return kinds.getOrDefault(r, kind);
    }

    /** The referral the recipient's entry is about: the one named for her, else the event's own. */
    public UUID referralFor(Recipient r, UUID eventReferral) {
        return referrals.getOrDefault(r, eventReferral);
    }
}
