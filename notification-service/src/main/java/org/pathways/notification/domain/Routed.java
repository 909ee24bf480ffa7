package org.pathways.notification.domain;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where one event goes: the notification kind, its inbox recipients, and the organisations whose webhook
 * subscriptions may receive it. {@code degraded} names the lookup that failed when a fallback (an organisation
 * mailbox) was used instead of named people.
 */
public record Routed(String kind, List<Recipient> recipients, Set<UUID> webhookOrganisations, String degraded) {
}
