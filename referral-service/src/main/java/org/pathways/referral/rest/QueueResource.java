package org.pathways.referral.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.security.Caller;
import org.pathways.referral.repository.QueueRepository;
import org.pathways.referral.rest.QueueDtos.AssignmentView;
import org.pathways.referral.rest.QueueDtos.ClaimRequest;
import org.pathways.referral.rest.QueueDtos.QueuePage;
import org.pathways.referral.service.QueueService;

/**
 * Work queues: the caller's organisation's incoming referrals (the single point of contact's view) and outgoing ones,
 * soonest due first; claiming a received referral to a worker. Metadata only: sections are read through the referral.
 */
@Path("/api/queues")
@Tag(name = "Work queues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class QueueResource {

    @Inject
    QueueService service;

    @Inject
    Caller caller;

    @GET
    @Path("/incoming")
    @Operation(summary = "Referrals your organisation received, soonest due first; filters state, serviceId, overdue, "
            + "assignedTo (a user id, me, or none); page (from 0) and size (1-200)")
    public QueuePage incoming(@QueryParam("state") List<String> state, @QueryParam("serviceId") String serviceId,
            @QueryParam("overdue") String overdue, @QueryParam("assignedTo") String assignedTo, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return list(true, state, serviceId, overdue, assignedTo, page, size);
    }

    @GET
    @Path("/outgoing")
    @Operation(summary = "Referrals your organisation sent, soonest due first; filters state, serviceId, overdue; paging as incoming")
    public QueuePage outgoing(@QueryParam("state") List<String> state, @QueryParam("serviceId") String serviceId,
            @QueryParam("overdue") String overdue, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return list(false, state, serviceId, overdue, null, page, size);
    }

    private QueuePage list(boolean incoming, List<String> state, String serviceId, String overdue, String assignedTo, Integer page,
            Integer size) {
        int p = QueueDtos.page(page);
        int s = QueueDtos.size(size);
        String assigned = null;
        if (assignedTo != null && !assignedTo.isBlank()) {
            if (assignedTo.length() > 100) throw org.pathways.platform.rest.ProblemException.invalidField("assignedTo", "is too long");
            assigned = switch (assignedTo) {
                case "me" -> caller.userId();
                case "none" -> QueueRepository.UNASSIGNED;
                default -> assignedTo;
            };
        }
        QueueRepository.Filter f = new QueueRepository.Filter(QueueDtos.states(state), QueueDtos.id(serviceId, "serviceId"), null,
                QueueDtos.bool(overdue, "overdue"), assigned);
        return QueuePage.of(service.queue(incoming, f, p, s), p, s, true);
    }
}
