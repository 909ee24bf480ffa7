package org.pathways.referral.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.repository.QueueRepository;
import org.pathways.referral.rest.QueueDtos.QueuePage;
import org.pathways.referral.service.QueueService;

/**
 * The Partnership Connector's view: metadata of every referral in her organisation's partnerships (ids, organisations,
 * services, states, needs codes, dates, overdue), never sections or free text, and not the subject id. She reads
 * sections only through referrals to her own service, like any receiver.
 */
@Path("/api/connector")
@Tag(name = "Partnership Connector")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CONNECTOR)
public class ConnectorResource {

    @Inject
    QueueService service;

    @GET
    @Path("/referrals")
    @Operation(summary = "Referral metadata across your partnerships, soonest due first; filters partnershipId, state, "
            + "serviceId, organisationId (either side), overdue, replaced (a later referral, signpost or no-service-found "
            + "replaces it: a re-route); page (from 0), size (1-200)")
    @APIResponse(responseCode = "503", description = "The directory is unavailable to say which partnerships are hers")
    @APIResponse(responseCode = "200", description = "A page of referral metadata (no subject ids, never sections)",
            content = @Content(schema = @Schema(implementation = QueuePage.class)))
    public QueuePage referrals(@QueryParam("partnershipId") String partnershipId, @QueryParam("state") List<String> state,
            @QueryParam("serviceId") String serviceId, @QueryParam("organisationId") String organisationId,
            @QueryParam("overdue") String overdue, @QueryParam("replaced") String replaced, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int p = QueueDtos.page(page);
        int s = QueueDtos.size(size);
        QueueRepository.Filter f = new QueueRepository.Filter(QueueDtos.states(state), QueueDtos.id(serviceId, "serviceId"),
                QueueDtos.id(organisationId, "organisationId"), QueueDtos.bool(overdue, "overdue"), null,
                QueueDtos.bool(replaced, "replaced"));
        return QueuePage.of(service.connectorView(f, QueueDtos.id(partnershipId, "partnershipId"), p, s), p, s, false);
    }
}
