package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.client.PartnershipDirectory;
import org.pathways.referral.domain.Blockage;
import org.pathways.referral.domain.Challenge;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.repository.BlockageRepository;

import io.quarkus.oidc.client.OidcClientException;

/**
 * The partnership's system blockage log (issue 16 item 6, ADR 0071). Items are written in the transaction of what raised
 * them (a decline, a non-completion, "no service found", a referrer's escalation or decline review), with codes and ids
 * only; partnership admins of a member organisation review them (open, under review, resolved or closed with an
 * outcome); the organisation that raised an item reads its outcome; the board counts them by reason, service, source,
 * status and month.
 */
@ApplicationScoped
public class BlockageService {

    private static final Logger LOG = Logger.getLogger(BlockageService.class);

    static final Set<String> READERS = Set.of(Roles.PARTNERSHIP_ADMIN, Roles.CONNECTOR);

    @Inject
    BlockageRepository blockages;

    @Inject
    @RestClient
    PartnershipDirectory directory;

    @Inject
    Caller caller;

    // ---------------------------------------------------------------------------------------------- raised (in-transaction)

    /** A referral moved: a decline or a non-completion is a blockage (raised for the referring organisation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moved(Referral r, ReasonCode reason, Instant at) {
        Blockage.Source source = r.state() == ReferralState.DECLINED ? Blockage.Source.DECLINED
                : r.state() == ReferralState.NOT_COMPLETED ? Blockage.Source.NOT_COMPLETED : null;
        if (source == null) return;
        insert(r.partnershipId(), source, reason == null ? null : reason.name(), r.toServiceId(), r.toOrganisationId(), r.needs(),
                r.fromOrganisationId(), at);
    }

    /** A referrer escalated a referral or asked for a decline to be reviewed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void challenged(Referral r, Challenge c) {
        insert(r.partnershipId(), c.kind() == Challenge.Kind.ESCALATION ? Blockage.Source.ESCALATED : Blockage.Source.DECLINE_CHALLENGED,
                c.reason().code(), r.toServiceId(), r.toOrganisationId(), r.needs(), c.raisedOrganisationId(), c.raisedAt());
    }

    /** A need no service could meet, recorded by an organisation (its partnerships see it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void noServiceFound(UUID organisationId, String needCode, Instant at) {
        insert(null, Blockage.Source.NO_SERVICE_FOUND, null, null, null, List.of(needCode), organisationId, at);
    }

    private void insert(UUID partnershipId, Blockage.Source source, String reason, UUID serviceId, UUID organisationId,
            List<String> needs, UUID raisedBy, Instant at) {
        blockages.insert(new Blockage(UUID.randomUUID(), partnershipId, source, reason, serviceId, organisationId, List.copyOf(needs),
                raisedBy, at, Blockage.Status.OPEN, null, null, 1, at, null));
    }

    // -------------------------------------------------------------------------------------------------------- reading

    public List<Blockage> list(UUID partnershipId, Blockage.Status status, Blockage.Source source, UUID serviceId, int page, int size) {
        List<UUID> members = requireMember(partnershipId);
        return blockages.ofPartnership(partnershipId, members, status, source, serviceId, page * size, size);
    }

    /** The board: how many items of the partnership were raised in [from, to), by reason, service, source, status and month. */
    public record Board(UUID partnershipId, Instant from, Instant to, long total, Map<String, Map<String, Long>> by) {
    }

    public Board board(UUID partnershipId, Instant from, Instant to) {
        List<UUID> members = requireMember(partnershipId);
        Map<String, Map<String, Long>> by = new LinkedHashMap<>();
        by.put("reason", blockages.countBy("coalesce(b.reason_code, 'NONE')", partnershipId, members, from, to));
        by.put("service", blockages.countBy("coalesce(b.service_id::text, 'NONE')", partnershipId, members, from, to));
        by.put("source", blockages.countBy("b.source", partnershipId, members, from, to));
        by.put("status", blockages.countBy("b.status", partnershipId, members, from, to));
        by.put("month", blockages.countBy("to_char(b.raised_at at time zone 'UTC', 'YYYY-MM')", partnershipId, members, from, to));
        long total = by.get("source").values().stream().mapToLong(Long::longValue).sum();
        return new Board(partnershipId, from, to, total, by);
    }

    /** The items the caller's organisation raised, with their review: what the partnership did about them. */
    public List<Blockage> raisedByMine() {
        return blockages.raisedBy(caller.requireOrganisation(), 200);
    }

    // --------------------------------------------------------------------------------------------------------- review

    /**
     * A partnership admin of a member organisation moves an item (If-Match: its version). Taking it UNDER_REVIEW makes
     * the caller its owner; RESOLVED and CLOSED need an outcome.
     */
    @Transactional
    public Blockage review(UUID id, Blockage.Status to, Blockage.Outcome outcome, Long expectedVersion) {
        Blockage b = blockages.find(id, true).orElseThrow(() -> ProblemException.notFound("The blockage"));
        if (b.partnershipId() != null) {
            requireMember(b.partnershipId());
        } else if (memberships(caller.requireOrganisation()).stream().noneMatch(p -> requireMemberQuietly(p).contains(b.raisedOrganisationId()))) {
            throw ProblemException.notFound("The blockage");
        }
        if (!caller.roles().contains(Roles.PARTNERSHIP_ADMIN)) {
            throw ProblemException.forbidden("Blockages are reviewed by partnership admins.");
        }
        if (expectedVersion != null && expectedVersion != b.version()) {
            throw new ProblemException(Problem.of(412, "stale-version", "Precondition failed", "The item is at version " + b.version()
                    + ", not the version you read; read it again and retry."));
        }
        Blockage.change(b.status(), to, outcome).ifPresent(f -> {
            Problem p = Problem.of(f.status(), f.slug(), f.status() == 409 ? "Conflict" : "Unprocessable request", f.message());
            throw new ProblemException(p.withErrors(List.of(new Problem.FieldError(f.field(), f.message()))));
        });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String owner = to == Blockage.Status.UNDER_REVIEW ? caller.userId() : to == Blockage.Status.OPEN ? null : b.ownerUserId();
        Blockage moved = new Blockage(b.id(), b.partnershipId(), b.source(), b.reasonCode(), b.serviceId(), b.organisationId(),
                b.needCodes(), b.raisedOrganisationId(), b.raisedAt(), to, owner, outcome, b.version() + 1, now, caller.userId());
        if (!blockages.update(moved)) throw ProblemException.conflict("stale-version", "The item moved meanwhile; read it again.");
        return moved;
    }

    // ----------------------------------------------------------------------------------------------------- membership

    /** The partnership's member organisations, if the caller's organisation is one of them and she may read the log. */
    private List<UUID> requireMember(UUID partnershipId) {
        if (caller.roles().stream().noneMatch(READERS::contains)) {
            throw ProblemException.forbidden("The blockage log is for partnership admins and the Partnership Connector.");
        }
        UUID org = caller.requireOrganisation();
        List<UUID> members = requireMemberQuietly(partnershipId);
        if (!members.contains(org)) throw ProblemException.notFound("The partnership");
        return members;
    }

    private List<UUID> requireMemberQuietly(UUID partnershipId) {
        try {
            PartnershipDirectory.PartnershipMembers p = directory.partnership(partnershipId);
            return p == null ? List.of() : p.members().stream().map(PartnershipDirectory.Member::organisationId).toList();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) throw ProblemException.notFound("The partnership");
            throw unavailable(e);
        } catch (ProcessingException | OidcClientException e) {
            throw unavailable(e);
        }
    }

    private List<UUID> memberships(UUID organisationId) {
        try {
            return directory.partnershipsOf(organisationId).stream().map(PartnershipDirectory.Membership::partnershipId).toList();
        } catch (WebApplicationException | ProcessingException | OidcClientException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(Exception e) {
        LOG.warnf("directory-service unavailable for the blockage log: %s", e.getClass().getName());
        return new ProblemException(Problem.of(503, "dependency-unavailable", "Service unavailable",
                "directory-service did not answer; nothing was changed. Try again shortly."));
    }
}
