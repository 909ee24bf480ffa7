package org.pathways.referral.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessRules;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.SubjectRepository;

/**
 * The restricted flag (ADR 0032): inside her owning organisation a restricted case is known only to her lead worker,
 * the organisation's referral coordinators and its privacy officers. To any other member of staff of that organisation
 * she does not exist (404, lists leave her out). Other organisations are not affected: their access is what their
 * referrals give them.
 */
@ApplicationScoped
public class RestrictedCases {

    /** Who the caller is, for the list queries: rows of restricted subjects of {@code organisationId} are left out. */
    public record Hide(UUID organisationId, String userId) {
    }

    @Inject
    Caller caller;

    @Inject
    SubjectRepository subjects;

    /** Whether the caller may see this subject (the caller's organisation scope is checked elsewhere). */
    public boolean sees(Subject s) {
        // The rule itself lives with the other access rules (org.pathways.referral.access, ADR 0047).
        Optional<UUID> org = caller.organisationId();
        return !AccessRules.restrictionHides(new AccessRules.Viewer(org.orElse(null), caller.userId(), caller.roles()),
                new AccessRules.SubjectFacts(s.organisationId(), s.restricted(), s.leadWorkerId()));
    }

    /** Whether the caller may see this referral: not if it is about a restricted subject of hers she may not see. */
    public boolean sees(Referral r) {
        return seesSubject(r.subjectId());
    }

    /** Whether the caller may see what is recorded about this subject id (an erased or unknown id: nothing to hide). */
    public boolean seesSubject(UUID subjectId) {
        return subjects.find(subjectId).map(this::sees).orElse(true);
    }

    /** What a list query must leave out for the caller, or empty when the caller sees every restricted case. */
    public Optional<Hide> hide() {
        if (privileged()) return Optional.empty();
        return caller.organisationId().map(org -> new Hide(org, caller.userId()));
    }

    /**
     * The SQL condition for list queries over {@code referral r} (empty when nothing is hidden); bind
     * {@link Hide#organisationId()} then {@link Hide#userId()}.
     */
    public static String notHiddenSql() {
        return "not exists (select 1 from subject rs where rs.id = r.subject_id and rs.restricted "
                + "and rs.organisation_id = ? and rs.lead_worker_id is distinct from ?)";
    }

    private boolean privileged() {
        return caller.hasRole(Roles.REFERRAL_COORDINATOR) || caller.hasRole(Roles.PRIVACY_OFFICER);
    }
}
