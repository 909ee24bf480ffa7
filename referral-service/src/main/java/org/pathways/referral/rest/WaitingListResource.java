package org.pathways.referral.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.repository.WaitingListRepository;
import org.pathways.referral.service.WaitingListService;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Waiting lists (issue 16 item 7, ADR 0054): a service's referrals on its waiting list (ON_HOLD), how long each has
 * waited and the oldest ("held informally" is recorded by {@link InformalSupportResource}). Metadata only (ids, codes,
 * dates). Under /api/queues, beside the work queues: a class on a shorter path would lose the match to them.
 */
@Path("/api/queues")
@Tag(name = "Waiting lists")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class WaitingListResource {

    @Inject
    WaitingListService service;

    /** One referral on the list: when she was referred, since when on the list, days waited since referred. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WaitingItem(UUID referralId, UUID pathwayId, UUID subjectId, UUID fromOrganisationId, List<String> needs,
            String urgency, long version, Instant sentAt, Instant onListSince, long waitedDays, LocalDate reviewDate,
            boolean heldInformally, Instant heldInformallySince, String assignedTo) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Oldest(UUID referralId, Instant sentAt, long waitedDays) {
    }

    public record ServiceWaitingList(UUID serviceId, long count, long heldInformally,
            @Schema(description = "The referral waiting longest (absent: the list is empty)") Oldest oldest, List<WaitingItem> items) {

        static ServiceWaitingList of(WaitingListService.WaitingList l) {
            List<WaitingItem> items = l.items().stream().map(w -> item(w, l.asOf())).toList();
            Oldest oldest = l.oldest().map(w -> new Oldest(w.referralId(), w.sentAt(),
                    WaitingListService.WaitingList.waitedDays(w.sentAt(), l.asOf()))).orElse(null);
            return new ServiceWaitingList(l.serviceId(), items.size(), l.heldInformally(), oldest, items);
        }

        private static WaitingItem item(WaitingListRepository.Waiting w, Instant now) {
            return new WaitingItem(w.referralId(), w.pathwayId(), w.subjectId(), w.fromOrganisationId(), w.needs(), w.urgency(),
                    w.version(), w.sentAt(), w.onListSince(), WaitingListService.WaitingList.waitedDays(w.sentAt(), now), w.reviewDate(),
                    w.heldInformallySince() != null, w.heldInformallySince(), w.assignedTo());
        }
    }

    /** The waiting lists of the organisation's services (one per service with anyone waiting, or the one asked for). */
    public record WaitingListsView(Instant asOf, List<ServiceWaitingList> services) {
    }

    /** Whether the organisation supports her informally while she waits. */
    public record InformalSupportRequest(@NotNull Boolean held) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InformalSupportView(UUID referralId, boolean held, Instant since, long version) {
    }

    @GET
    @Path("/waiting-list")
    @Operation(summary = "Your organisation's waiting lists: referrals it received that are ON_HOLD, per service (serviceId: "
            + "that service only), longest waiting first, with the count, how many are held informally and the oldest")
    @APIResponse(responseCode = "200", description = "The lists (a service id that is not yours lists nobody)",
            content = @Content(schema = @Schema(implementation = WaitingListsView.class)))
    @APIResponse(responseCode = "400", description = "serviceId is not a UUID (field serviceId)")
    public WaitingListsView waitingList(@QueryParam("serviceId") String serviceId) {
        List<WaitingListService.WaitingList> lists = service.lists(QueueDtos.id(serviceId, "serviceId"));
        return new WaitingListsView(lists.isEmpty() ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : lists.get(0).asOf(),
                lists.stream().map(ServiceWaitingList::of).toList());
    }
}
