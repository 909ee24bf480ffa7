package org.pathways.notification.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.jboss.resteasy.reactive.RestStreamElementType;
import org.pathways.contracts.vocab.Roles;
import org.pathways.notification.rest.Dtos.InboxItem;
import org.pathways.notification.rest.Dtos.InboxPage;
import org.pathways.notification.rest.Dtos.StreamTicket;
import org.pathways.notification.rest.Dtos.UnreadCount;
import org.pathways.notification.service.InboxService;
import org.pathways.notification.service.InboxService.Reader;
import org.pathways.notification.service.LiveUpdates;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * The in-app inbox: the caller's own entries plus her organisation's mailbox if she is a single point of contact
 * (referral-coordinator or connector). Live updates over SSE with a single-use ticket (ADR 0041).
 */
@Path("/api/inbox")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {


    @Inject
    Caller caller;

    @Inject
    InboxService inbox;

    @Inject
    LiveUpdates live;

    Reader reader() {
        UUID org = caller.requireOrganisation();
        UUID user;
        try {
            user = UUID.fromString(caller.userId());
        } catch (RuntimeException e) {
            throw ProblemException.forbidden("Your token does not name a user.");
        }
        boolean spoc = caller.hasRole(Roles.REFERRAL_COORDINATOR) || caller.hasRole(Roles.CONNECTOR);
        return new Reader(user, spoc ? org : null);
    }

    @GET
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER})
    public InboxPage list(@QueryParam("page") String page, @QueryParam("size") String size, @QueryParam("unread") String unread) {
        int p = intParam("page", page, 0, 0, 10_000);
        int s = intParam("size", size, 20, 1, 100);
        boolean unreadOnly = boolParam("unread", unread);
        Reader r = reader();
        return new InboxPage(inbox.count(r, unreadOnly), inbox.count(r, true), p, s,
                inbox.page(r, unreadOnly, p, s).stream().map(InboxItem::of).toList());
    }

    @GET
    @Path("/unread-count")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER})
    public UnreadCount unread() {
        return new UnreadCount(inbox.count(reader(), true));
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER})
    public InboxItem markRead(@PathParam("id") String id) {
        UUID nid;
        try {
            nid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Notification");
        }
        return inbox.markRead(reader(), nid).map(InboxItem::of).orElseThrow(() -> ProblemException.notFound("Notification"));
    }

    /** A ticket for one SSE connection: opaque, random, single use, valid for a minute; not personal data. */
    @POST
    @Path("/stream-tickets")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER})
    @APIResponse(responseCode = "201", description = "A single-use ticket for GET /api/inbox/stream, valid for a minute",
            content = @Content(schema = @Schema(implementation = StreamTicket.class)))
    public Response ticket() {
        String[] t = inbox.issueTicket(reader());
        return Response.status(201).entity(new StreamTicket(t[0], OffsetDateTime.parse(t[1]))).build();
    }

    /**
     * Live inbox entries as server-sent events. EventSource cannot send a bearer header, so the ticket from
     * {@code POST /api/inbox/stream-tickets} authenticates the connection (once). The access log never records query strings.
     */
    @GET
    @Path("/stream")
    @PermitAll
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "401", description = "No valid, unused stream ticket")
    @APIResponse(responseCode = "200", description = "Server-sent events, each an inbox entry as JSON",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = InboxItem.class)))
    public Multi<InboxItem> stream(@QueryParam("ticket") String ticket) {
        Reader r = inbox.redeem(ticket).orElseThrow(() -> new ProblemException(
                Problem.of(401, "unauthorized", "Unauthorized", "A valid, unused stream ticket is required.")));
        return live.stream(r.userId(), r.mailboxOrg()).map(InboxItem::of);
    }

    static int intParam(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) return dflt;
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) throw ProblemException.invalidField(name, "must be between " + min + " and " + max);
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
    }

    static boolean boolParam(String name, String value) {
        if (value == null || value.isBlank()) return false;
        if (value.equals("true")) return true;
        if (value.equals("false")) return false;
        throw ProblemException.invalidField(name, "must be true or false");
    }
}
