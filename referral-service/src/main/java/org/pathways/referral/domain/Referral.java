package org.pathways.referral.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.ReferralState;

/**
 * A referral as stored. Ids, codes and dates; the two free texts (note for the receiver, safe-contact instructions)
 * stay encrypted under the subject's key here and are decrypted only for the two organisations on the referral.
 */
public record Referral(
        UUID id,
        UUID pathwayId,
        UUID partnershipId,
        UUID agreementId,
        UUID subjectId,
        UUID fromOrganisationId,
        String fromUserId,
        UUID toOrganisationId,
        UUID toServiceId,
        Spoc spoc,
        ResponseTarget responseTarget,
        List<String> needs,
        Urgency urgency,
        ReferralState state,
        long version,
        Set<DataCategory> sections,
        boolean personKnows,
        UUID overrideId,
        UUID replacesReferralId,
        UUID parentReferralId,
        byte[] noteCiphertext,
        byte[] safeContactCiphertext,
        LocalDate reviewDate,
        Instant createdAt,
        Instant sentAt,
        Instant updatedAt) {

    /** The receiving service's single point of contact as the directory resolved it (user id, username or mailbox). */
    public record Spoc(String source, String userId, String username, String mailbox) {
    }

    /** The directory's response target at send, in working days on the bank holidays of {@code division}. */
    public record ResponseTarget(Integer workingDays, Integer remindBeforeDays, Integer expireAfterDays, String division) {
    }

    /** Between two services of one organisation (ADR 0053): the organisation is on both sides. */
    public boolean internal() {
        return fromOrganisationId.equals(toOrganisationId);
    }

    /** The side of the referral an organisation is on, if any (for an internal referral see {@link #internal()}). */
    public ReferralStateMachine.Actor sideOf(UUID organisationId) {
        if (organisationId == null) return null;
        if (organisationId.equals(fromOrganisationId)) return ReferralStateMachine.Actor.REFERRER;
        if (organisationId.equals(toOrganisationId)) return ReferralStateMachine.Actor.RECEIVER;
        return null;
    }

    public Referral moved(ReferralState to, long newVersion, LocalDate review, Instant now) {
        return new Referral(id, pathwayId, partnershipId, agreementId, subjectId, fromOrganisationId, fromUserId,
                toOrganisationId, toServiceId, spoc, responseTarget, needs, urgency, to, newVersion, sections, personKnows,
                overrideId, replacesReferralId, parentReferralId, noteCiphertext, safeContactCiphertext, review, createdAt,
                sentAt, now);
    }
}
