package org.pathways.notification.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where one event goes: the notification kind, its inbox recipients, and the organisations whose webhook
 * subscriptions may receive it. {@code degraded} names the lookup that failed when a fallback (an organisation
 * mailbox) was used instead of named people. {@code referrals} names, for an event that is not about one referral
 * (a consent withdrawal), the referral each recipient's entry is about.
 */
public record Routed(String kind, List<Recipient> recipients, Set<UUID> webhookOrganisations, String degraded,
        Map<Recipient, UUID> referrals) {

    public Routed(String kind, List<Recipient> recipients, Set<UUID> webhookOrganisations, String degraded) {
        this(kind, recipients, webhookOrganisations, degraded, Map.of());
    }

    /** The referral the recipient's entry is about: the one named for her, else the event's own. */
    public UUID referralFor(Recipient r, UUID eventReferral) {
        return referrals.getOrDefault(r, eventReferral);
    }
}
