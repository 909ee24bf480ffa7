package org.pathways.notification.domain;

import java.util.UUID;

/**
 * A member of the team around her as last heard from referral-service (ADR 0069), with her registering organisation
 * ({@code subjectOrganisationId}): a user id, the member's organisation and a role code. Nothing else.
 */
public record TeamMember(UUID subjectId, UUID subjectOrganisationId, UUID userId, UUID organisationId, String role) {
}
