package org.pathways.notification.domain;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The only words a notification ever carries: fixed sentences chosen by kind, plus a short reference built from the
 * referral's opaque id. Nothing in them comes from free text, so a shoulder-reader or a shared mailbox learns nothing
 * about the woman.
 */
public final class Messages {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("REFERRAL_SENT", "A new referral is waiting for your service."),
            Map.entry("REFERRAL_REMINDER", "A referral is waiting for an answer from your service."),
            Map.entry("REFERRAL_WITHDRAWN", "A referral to your service was withdrawn."),
            Map.entry("REFERRAL_ENTERED_IN_ERROR", "A referral to your service was entered in error."),
            Map.entry("REFERRAL_ACCEPTED", "Your referral was accepted."),
            Map.entry("REFERRAL_DECLINED", "Your referral was declined."),
            Map.entry("REFERRAL_ON_HOLD", "Your referral is on a waiting list."),
            Map.entry("REFERRAL_IN_PROGRESS", "Your referral is in progress: first contact was made."),
            Map.entry("REFERRAL_COMPLETED", "Your referral was completed."),
            Map.entry("REFERRAL_NOT_COMPLETED", "Your referral ended without completion."),
            Map.entry("REFERRAL_ESCALATED", "A referral has passed its response target without an answer."),
            Map.entry("REFERRAL_EXPIRED", "A referral expired without an answer."),
            Map.entry("REFERRAL_ESCALATION_RAISED", "A referrer escalated a referral to your service: please answer it."),
            Map.entry("REFERRAL_DECLINE_REVIEW_REQUESTED", "A referrer asked for a decline by your service to be reviewed."),
            Map.entry("REFERRAL_ESCALATION_ANSWERED", "Your escalation of a referral was answered."),
            Map.entry("REFERRAL_DECLINE_REVIEW_ANSWERED", "Your request to review a decline was answered."),
            Map.entry("SUPPORT_EXTENSION_REQUESTED", "An extension of support was asked for and needs your decision."),
            Map.entry("SUPPORT_EXTENSION_APPROVED", "An extension of support was approved."),
            Map.entry("SUPPORT_EXTENSION_REFUSED", "An extension of support was refused."),
            Map.entry("SUPPORT_ENDING_SOON", "A support period ends soon: please plan her move-on."),
            Map.entry("SUPPORT_ENDED", "Support on a referral you made has ended: please plan her move-on."),
            Map.entry("TEAM_REFERRAL_MOVED", "A referral for someone whose team you are on has moved on."),
            Map.entry("REFERRAL_ACCESS_ENDED", "Access to a case summary through a referral has ended."),
            Map.entry("CONSENT_OVERRIDE_REQUESTED", "Sharing without consent was requested and needs a decision."),
            Map.entry("CONSENT_OVERRIDE_APPROVED", "Sharing without consent was approved."),
            Map.entry("CONSENT_OVERRIDE_EXPIRED", "Sharing without consent has ended: the safeguarding override expired."),
            Map.entry("CONSENT_OVERRIDE_REFUSED", "A request to share without consent was refused: nothing is shared without her consent."),
            Map.entry("CONSENT_OVERRIDE_REQUEST_EXPIRED", "A request to share without consent expired without a decision."),
            Map.entry("CONSENT_EXPIRING", "A consent you hold expires soon."),
            Map.entry("DIRECTORY_CAPACITY_STALE", "Please confirm your service's capacity in Pathways."),
            Map.entry("DIRECTORY_ROUTING_CHANGED", "Who receives referrals for your organisation changed in the directory: "
                    + "please check it was meant."),
            Map.entry("CONSENT_WITHDRAWN", "Consent behind a referral to your organisation was withdrawn, wholly or in part: "
                    + "what you may see through it may have changed."),
            Map.entry("CONSENT_WIDENED", "Alert: another organisation working with her widened her consent (a new recipient, "
                    + "purpose or category, or a longer period). Please review it with her."),
            Map.entry("WEBHOOK_DISABLED", "A webhook subscription of your organisation was disabled after repeated delivery failures."));

    private static final Set<String> SELF_CONTAINED = Set.of("DIRECTORY_CAPACITY_STALE");

    private Messages() {
    }

    public static String text(String kind) {
        return TEXT.getOrDefault(kind, "There is an update in Pathways.");
    }

    /** "R-" and the first 8 hex digits of the referral id: enough to find it, nothing about her. */
    public static String reference(UUID referralId) {
        return referralId == null ? null : "R-" + referralId.toString().substring(0, 8).toUpperCase();
    }

    /**
     * The entry's short reference: the referral's ("R-…"), or for directory notices the service's ("S-…", from the
     * aggregate id, so a SPOC of several services knows which one is meant); none for consent and override notices.
     */
    public static String reference(Notification n) {
        if (n.referralId() != null) return reference(n.referralId());
        if (n.kind().startsWith("DIRECTORY_") && n.aggregateId() != null && n.aggregateId().length() >= 8) {
            return "S-" + n.aggregateId().substring(0, 8).toUpperCase();
        }
        return null;
    }

    public static String emailSubject(String kind) {
        return kind.startsWith("REFERRAL") ? "Pathways: referral update" : "Pathways: notification";
    }

    public static String emailBody(Notification n) {
        StringBuilder b = new StringBuilder(text(n.kind()));
        // A sentence that already asks for something in Pathways needs no "open Pathways" after it.
        if (!SELF_CONTAINED.contains(n.kind())) b.append(" Open Pathways to view it.");
        String reference = reference(n);
        if (reference != null) b.append(" Reference ").append(reference).append('.');
        return b.append('\n').toString();
    }
}
