package org.pathways.referral.rest;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.QueueEntry;
import org.pathways.referral.repository.QueueRepository;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Work queue, Connector and pathway views: referral metadata only (ids, organisations, states, needs codes, dates). */
public final class QueueDtos {

    private QueueDtos() {
    }

    /** One referral in a queue. {@code subjectId} is left out of the Connector's view (she follows pathways, not people). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueueItem(UUID id, UUID pathwayId, UUID partnershipId, UUID subjectId, UUID fromOrganisationId,
            UUID toOrganisationId, UUID toServiceId, List<String> needs, String urgency, ReferralState state, long version,
            UUID parentReferralId, UUID replacesReferralId, Instant sentAt, Instant updatedAt, Instant dueAt, boolean overdue,
            String assignedTo, String origin, String selfReference, String kind) {

        public static QueueItem of(QueueEntry e, boolean withSubject) {
            return new QueueItem(e.id(), e.pathwayId(), e.partnershipId(), withSubject ? e.subjectId() : null,
                    e.fromOrganisationId(), e.toOrganisationId(), e.toServiceId(), e.needs(), e.urgency(), e.state(), e.version(),
                    e.parentReferralId(), e.replacesReferralId(), e.sentAt(), e.updatedAt(), e.dueAt(), e.overdue(), e.assignedTo(),
                    e.origin(), e.selfReference(), e.kind());
        }
    }

    public record QueuePage(List<QueueItem> items, int page, int size, long total) {
        static QueuePage of(QueueRepository.Page p, int page, int size, boolean withSubject) {
            return new QueuePage(p.items().stream().map(e -> QueueItem.of(e, withSubject)).toList(), page, size, p.total());
        }
    }

    /** Claim a referral: for yourself (no body or no userId), or (referral-coordinator) for a named worker. */
    public record ClaimRequest(@Size(min = 1, max = 100) String userId) {
    }

    public record AssignmentView(UUID referralId, String assignedTo, String assignedBy, Instant assignedAt) {
    }

    // ---------------------------------------------------------------------------------------------------- parameters

    static Set<ReferralState> states(List<String> codes) {
        Set<ReferralState> out = EnumSet.noneOf(ReferralState.class);
        for (String s : codes == null ? List.<String>of() : codes) {
            for (String one : s.split(",")) {
                if (one.isBlank()) continue;
                try {
                    out.add(ReferralState.fromCode(one.trim()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalidField("state", "must be referral state codes (e.g. SENT, ACCEPTED)");
                }
            }
        }
        return out;
    }

    static UUID id(String value, String field) {
        if (value == null || value.isBlank()) return null;
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "must be an id (UUID)");
        }
    }

    static Boolean bool(String value, String field) {
        if (value == null || value.isBlank()) return null;
        if (value.equals("true")) return true;
        if (value.equals("false")) return false;
        throw ProblemException.invalidField(field, "must be true or false");
    }

    static int page(Integer page) {
        int p = page == null ? 0 : page;
        if (p < 0 || p > 100_000) throw ProblemException.invalidField("page", "must be between 0 and 100000");
        return p;
    }

    static int size(Integer size) {
        int s = size == null ? 50 : size;
        if (s < 1 || s > 200) throw ProblemException.invalidField("size", "must be between 1 and 200");
        return s;
    }
}
