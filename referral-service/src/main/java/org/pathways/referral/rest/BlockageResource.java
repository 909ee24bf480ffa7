package org.pathways.referral.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.Blockage;
import org.pathways.referral.domain.Blockage.Status;
import org.pathways.referral.service.BlockageService;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The partnership's system blockage log (issue 16 item 6, ADR 0071): declines, non-completions, "no service found",
 * referrer escalations and challenged declines as items of codes and ids, reviewed by partnership admins, with a board.
 */
@Path("/api/blockages")
@Tag(name = "Blockage log")
@Produces(MediaType.APPLICATION_JSON)
public class BlockageResource {

    @Inject
    BlockageService service;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockageView(UUID id, UUID partnershipId, Blockage.Source source, String reasonCode, UUID serviceId,
            UUID organisationId, List<String> needCodes, UUID raisedOrganisationId, Instant raisedAt, Blockage.Status status,
            String ownerUserId, Blockage.Outcome outcome, long version, Instant updatedAt) {
        static BlockageView of(Blockage b) {
            return new BlockageView(b.id(), b.partnershipId(), b.source(), b.reasonCode(), b.serviceId(), b.organisationId(), b.needCodes(),
                    b.raisedOrganisationId(), b.raisedAt(), b.status(), b.ownerUserId(), b.outcome(), b.version(), b.updatedAt());
        }
    }

    public record Page(List<BlockageView> items, int page, int size) {
    }

    public record StatusChange(@NotNull Status status, Blockage.Outcome outcome) {
    }

    @GET
    @RolesAllowed({ Roles.PARTNERSHIP_ADMIN, Roles.CONNECTOR })
    @Operation(summary = "The partnership's blockage log, newest first (partnershipId required; status, source, serviceId filters)")
    @APIResponse(responseCode = "200", description = "Items (codes and ids only)", content = @Content(schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "partnershipId missing or not a UUID, a filter not a code or UUID, page or size out of range")
    @APIResponse(responseCode = "404", description = "Not a partnership your organisation is a member of")
    @APIResponse(responseCode = "503", description = "directory-service unavailable to say who is a member")
    public Page list(@QueryParam("partnershipId") String partnershipId, @QueryParam("status") String status,
            @QueryParam("source") String source, @QueryParam("serviceId") String serviceId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        int p = QueueDtos.page(page);
        int s = QueueDtos.size(size);
        List<Blockage> items = service.list(partnership(partnershipId), code(Blockage.Status.class, status, "status"),
                code(Blockage.Source.class, source, "source"), QueueDtos.id(serviceId, "serviceId"), p, s);
        return new Page(items.stream().map(BlockageView::of).toList(), p, s);
    }

    @GET
    @Path("/board")
    @RolesAllowed({ Roles.PARTNERSHIP_ADMIN, Roles.CONNECTOR })
    @Operation(summary = "The blockage board: how many items were raised from `from` (default a year ago) to `to` (default today, "
            + "inclusive; UTC dates), by reason, service, source, status and month")
    @APIResponse(responseCode = "200", description = "Counts", content = @Content(schema = @Schema(implementation = BlockageService.Board.class)))
    @APIResponse(responseCode = "400", description = "partnershipId missing or not a UUID; from or to not a date, or from after to")
    @APIResponse(responseCode = "404", description = "Not a partnership your organisation is a member of")
    @APIResponse(responseCode = "503", description = "directory-service unavailable to say who is a member")
    public BlockageService.Board board(@QueryParam("partnershipId") String partnershipId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        UUID id = partnership(partnershipId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = date(to, "to", today);
        LocalDate start = date(from, "from", end.minusYears(1));
        if (start.isAfter(end)) throw ProblemException.invalidField("from", "must not be after to");
        return service.board(id, start.atStartOfDay().toInstant(ZoneOffset.UTC), end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    @GET
    @Path("/raised")
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.PARTNERSHIP_ADMIN })
    @Operation(summary = "The items your organisation raised (its declined, not completed, escalated and challenged referrals, and its "
            + "needs with no service), newest first, with their review and outcome: what the partnership did about them")
    @APIResponse(responseCode = "200", description = "Items", content = @Content(schema = @Schema(implementation = BlockageView[].class)))
    public List<BlockageView> raised() {
        return service.raisedByMine().stream().map(BlockageView::of).toList();
    }

    @POST
    @Path("/{blockageId}/status")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review an item: OPEN -> UNDER_REVIEW (you become its owner) or CLOSED; UNDER_REVIEW -> RESOLVED, CLOSED or "
            + "back to OPEN; RESOLVED and CLOSED need an outcome (optional If-Match: the item's version)")
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = BlockageView.class)))
    @APIResponse(responseCode = "400", description = "status missing or not a code, outcome not a code, an unknown field")
    @APIResponse(responseCode = "404", description = "Not an item of a partnership your organisation is a member of")
    @APIResponse(responseCode = "409", description = "illegal-transition (field status)")
    @APIResponse(responseCode = "412", description = "stale-version: If-Match names another version")
    @APIResponse(responseCode = "422", description = "outcome-required or outcome-not-allowed (field outcome)")
    public Response review(@PathParam("blockageId") UUID blockageId, @NotNull @Valid StatusChange body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Blockage b = service.review(blockageId, body.status(), body.outcome(), Versions.ifMatch(ifMatch));
        return Response.ok(BlockageView.of(b)).tag(Long.toString(b.version())).build();
    }

    private static UUID partnership(String value) {
        UUID id = QueueDtos.id(value, "partnershipId");
        if (id == null) throw ProblemException.invalidField("partnershipId", "is required");
        return id;
    }

    private static <E extends Enum<E>> E code(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value == null || value.isBlank()) return otherwise;
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date (YYYY-MM-DD)");
        }
    }

}
