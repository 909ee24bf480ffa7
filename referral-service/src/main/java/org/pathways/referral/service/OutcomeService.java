package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.OutcomeRepository;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.RestrictedCases;

/**
 * What happens to a need when no partner service takes it: a signpost to an organisation outside the partnership
 * (nothing of hers is shared, so no consent is asked) or "no service found" (the partnership's evidence of unmet need).
 * Either may close the loop of a DECLINED or EXPIRED referral (it records which one it follows).
 */
@ApplicationScoped
public class OutcomeService {

    public record Recorded(UUID id, UUID subjectId, String needCode, UUID replacesReferralId, Instant at) {
    }

    @Inject
    BlockageService blockageLog;

    @Inject
    SubjectRepository subjects;

    @Inject
    RestrictedCases restricted;

    @Inject
    ReferralRepository referrals;

    @Inject
    OutcomeRepository outcomes;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    org.pathways.referral.security.SubjectCrypto crypto;

    /** The signpost text's name in its encryption's associated data (with her subject id and the signpost id). */
    public static final String SIGNPOST_TEXT = "signpost-external-organisation";

    @Transactional
    public Recorded signpost(UUID subjectId, String needCode, String externalOrganisation, UUID replacesReferralId) {
        UUID org = caller.requireOrganisation();
        AuditBasis basis = requireMayActForHer(subjectId, org);
        checkReplaced(subjectId, org, replacesReferralId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        // Where she was sent, in the worker's words: encrypted under her key, shredded with it (issue 14, finding 6).
        byte[] key = subjects.wrappedKey(subjectId).orElseThrow(() -> ProblemException.notFound("The subject"));
        byte[] ciphertext = crypto.encryptReferralText(key, subjectId, id, SIGNPOST_TEXT,
                externalOrganisation.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        outcomes.insertSignpost(id, subjectId, org, caller.userId(), needCode, ciphertext, replacesReferralId, now);
        audit.record(subjectId, AuditAction.SIGNPOST_RECORDED, List.of(), Purpose.CASE_COORDINATION, basis, null);
        return new Recorded(id, subjectId, needCode, replacesReferralId, now);
    }

    @Transactional
    public Recorded noServiceFound(UUID subjectId, String needCode, UUID replacesReferralId) {
        UUID org = caller.requireOrganisation();
        AuditBasis basis = requireMayActForHer(subjectId, org);
        checkReplaced(subjectId, org, replacesReferralId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        outcomes.insertNoServiceFound(id, subjectId, org, caller.userId(), needCode, replacesReferralId, now);
        blockageLog.noServiceFound(org, needCode, now); // unmet need is a system blockage too (ADR 0071); codes only
        audit.record(subjectId, AuditAction.NO_SERVICE_FOUND_RECORDED, List.of(), Purpose.CASE_COORDINATION, basis, null);
        return new Recorded(id, subjectId, needCode, replacesReferralId, now);
    }

    /** Her organisation, or one that has taken up a referral for her; 404 for everyone else. */
    private AuditBasis requireMayActForHer(UUID subjectId, UUID org) {
        Subject s = subjects.find(subjectId).orElseThrow(() -> ProblemException.notFound("The subject"));
        if (s.organisationId().equals(org)) {
            if (!restricted.sees(s)) throw ProblemException.notFound("The subject"); // restricted case (ADR 0032)
            return AuditBasis.OWNER;
        }
        if (referrals.liveReceived(subjectId, org).isPresent()) return AuditBasis.REFERRAL;
        throw ProblemException.notFound("The subject");
    }

    private void checkReplaced(UUID subjectId, UUID org, UUID replacesReferralId) {
        if (replacesReferralId == null) return;
        Referral old = referrals.findForOrganisation(replacesReferralId, org, false)
                .filter(r -> r.subjectId().equals(subjectId) && r.fromOrganisationId().equals(org))
                .orElseThrow(() -> ReferralService.unprocessable("unknown-referral", "The referral it follows is not one of yours for her.",
                        "replacesReferralId", "is not a referral your organisation sent for her"));
        if (old.state() != ReferralState.DECLINED && old.state() != ReferralState.EXPIRED) {
            throw ReferralService.unprocessable("not-reroutable", "Only a DECLINED or EXPIRED referral can be followed up this way.",
                    "replacesReferralId", "is " + old.state() + ", not DECLINED or EXPIRED");
        }
    }
}
