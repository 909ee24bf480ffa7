package org.pathways.referral.domain;

import java.time.Instant;
import java.util.UUID;

import org.pathways.contracts.vocab.TeamRole;

/**
 * A worker in the team around her (issue 16 item 3, ADR 0069): a user of her organisation, or of a partner organisation
 * on the basis of her consent for CASE_COORDINATION (basis CONSENT/OVERRIDE with its reference, asked under
 * {@code partnershipId}). Ids and codes only.
 */
public record TeamMember(UUID id, UUID subjectId, String userId, UUID organisationId, TeamRole role, UUID partnershipId,
        AuditBasis basis, String basisRef, Instant addedAt, String addedBy, Instant removedAt, String removedBy) {

    public boolean live() {
        return removedAt == null;
    }
}
