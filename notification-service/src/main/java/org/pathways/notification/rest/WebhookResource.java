package org.pathways.notification.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.contracts.vocab.Roles;
import org.pathways.notification.domain.Subscription;
import org.pathways.notification.rest.Dtos.DeliveryView;
import org.pathways.notification.rest.Dtos.SubscriptionRequest;
import org.pathways.notification.rest.Dtos.SubscriptionView;
import org.pathways.notification.service.WebhookService;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

/**
 * Webhook subscriptions for partner systems, managed by the organisation's admins. A subscription for another
 * organisation is refused (403 when named in the body, 404 when addressed by id: ids of others' learn nothing).
 */
@Path("/api/webhooks/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ORG_ADMIN)
public class WebhookResource {

    @Inject
    Caller caller;

    @Inject
    WebhookService service;

    @POST
    @APIResponse(responseCode = "201", description = "Subscribed; Location names the subscription; the signing secret is shown this once",
            headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public Response create(@NotNull @Valid SubscriptionRequest body) {
        UUID org = caller.requireOrganisation();
        if (body.organisationId() != null && !body.organisationId().equals(org)) {
            throw ProblemException.forbidden("You may only subscribe for your own organisation.");
        }
        Subscription s = service.create(org, body.url(), body.eventTypes());
        return Response.created(URI.create("/api/webhooks/subscriptions/" + s.id())).entity(SubscriptionView.of(s, true)).build();
    }

    @GET
    public List<SubscriptionView> list() {
        return service.list(caller.requireOrganisation()).stream().map(s -> SubscriptionView.of(s, false)).toList();
    }

    @GET
    @Path("/{id}")
    public SubscriptionView get(@PathParam("id") String id) {
        return SubscriptionView.of(service.get(caller.requireOrganisation(), id(id, "Subscription")), false);
    }

    @PUT
    @Path("/{id}")
    public SubscriptionView update(@PathParam("id") String id, @NotNull @Valid SubscriptionRequest body) {
        UUID org = caller.requireOrganisation();
        UUID sid = id(id, "Subscription");
        service.get(org, sid);
        if (body.organisationId() != null && !body.organisationId().equals(org)) {
            throw ProblemException.forbidden("You may only subscribe for your own organisation.");
        }
        return SubscriptionView.of(service.update(org, sid, body.url(), body.eventTypes(),
                body.active() == null || body.active()), false);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    public Response delete(@PathParam("id") String id) {
        service.delete(caller.requireOrganisation(), id(id, "Subscription"));
        return Response.noContent().build();
    }

    /** The delivery log, newest first, with every attempt (status code or error code, duration). */
    @GET
    @Path("/{id}/deliveries")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        int p = InboxResource.intParam("page", page, 0, 0, 10_000);
        int s = InboxResource.intParam("size", size, 50, 1, 200);
        return service.deliveries(caller.requireOrganisation(), id(id, "Subscription"), p, s).stream()
                .map(l -> DeliveryView.of(l.delivery(), l.attempts())).toList();
    }

    /** Puts one delivery back in the queue now (after a fix on the receiver's side); order per referral still holds. */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @APIResponse(responseCode = "202", description = "Queued for delivery again",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        var log = service.redeliver(caller.requireOrganisation(), id(id, "Subscription"), id(deliveryId, "Delivery"));
        service.wakeWorker();
        return Response.accepted(DeliveryView.of(log.delivery(), log.attempts())).build();
    }

    private static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }
}
