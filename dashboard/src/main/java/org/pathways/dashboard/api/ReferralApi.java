package org.pathways.dashboard.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/**
 * referral-service, called with the signed-in user's own access token ({@link AccessToken}): every rule of the service
 * (role, organisation, consent now, restricted cases) applies unchanged. Answers come back as {@link Response} so the
 * pages can tell 404 ("not found"), 412 ("changed since you opened it") and 422 (a missing field) apart.
 */
@RegisterRestClient(configKey = "referral")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface ReferralApi {

    @GET
    @Path("/queues/incoming")
    Response incoming(@QueryParam("size") int size);

    /** The incoming queue filtered by who holds each referral ({@code me}, {@code none} or a user id). */
    @GET
    @Path("/queues/incoming")
    Response incomingAssigned(@QueryParam("assignedTo") String assignedTo, @QueryParam("size") int size);

    @GET
    @Path("/queues/outgoing")
    Response outgoing(@QueryParam("size") int size);

    /** The Partnership Connector's view: metadata of every referral in her partnerships (no subject ids). */
    @GET
    @Path("/connector/referrals")
    Response connector(@QueryParam("partnershipId") String partnershipId, @QueryParam("state") String state,
            @QueryParam("overdue") Boolean overdue, @QueryParam("page") int page, @QueryParam("size") int size);

    /**
     * The connector view narrowed to one organisation (either side) and to referrals something replaces or not
     * ({@code replaced}): the board's declined or expired referrals not yet re-routed (ADR 0093).
     */
    @GET
    @Path("/connector/referrals")
    Response connectorOf(@QueryParam("partnershipId") String partnershipId, @QueryParam("state") String state,
            @QueryParam("organisationId") String organisationId, @QueryParam("replaced") Boolean replaced, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/referrals/{id}")
    Response referral(@PathParam("id") String id);

    /** The Partnership Connector splits a taken-up referral to her Connector service: one child referral (ADR 0093). */
    @POST
    @Path("/referrals/{id}/children")
    @Consumes(MediaType.APPLICATION_JSON)
    Response child(@PathParam("id") String id, String body);

    /** Her pathway as steps (metadata only), each with the step it follows and how (ADR 0046: consent-filtered). */
    @GET
    @Path("/pathways/{id}")
    Response pathway(@PathParam("id") String id);

    @GET
    @Path("/referrals/{id}/history")
    Response history(@PathParam("id") String id);

    @GET
    @Path("/referrals/{id}/summary")
    Response summary(@PathParam("id") String id);

    @POST
    @Path("/subjects")
    @Consumes(MediaType.APPLICATION_JSON)
    Response register(String body);

    @GET
    @Path("/subjects/{id}")
    Response subject(@PathParam("id") String id);

    @GET
    @Path("/subjects/{id}/summary")
    Response subjectSummary(@PathParam("id") String id);

    @GET
    @Path("/subjects/{id}/summary/sections/{category}")
    Response section(@PathParam("id") String id, @PathParam("category") String category);

    @PUT
    @Path("/subjects/{id}/summary/sections/{category}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response writeSection(@PathParam("id") String id, @PathParam("category") String category, @HeaderParam("If-Match") String ifMatch,
            String body);

    @POST
    @Path("/referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    Response send(String body);

    @POST
    @Path("/referrals/{id}/claim")
    @Consumes(MediaType.APPLICATION_JSON)
    Response claim(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body);

    @POST
    @Path("/referrals/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    Response move(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body);

    /** Closed reporting periods of a partnership, newest first (connector, partnership-admin, evaluator of a member). */
    @GET
    @Path("/reports/partnerships/{partnershipId}/periods")
    Response reportPeriods(@PathParam("partnershipId") String partnershipId);

    @GET
    @Path("/reports/partnerships/{partnershipId}/periods/{periodId}")
    Response report(@PathParam("partnershipId") String partnershipId, @PathParam("periodId") String periodId);

    @GET
    @Path("/reports/partnerships/{partnershipId}/periods/{periodId}/csv")
    @Produces({"text/csv", "application/problem+json"})
    Response reportCsv(@PathParam("partnershipId") String partnershipId, @PathParam("periodId") String periodId);

    /** Her access log: every read and change of her data, oldest first; {@code after} pages on. */
    @GET
    @Path("/subjects/{id}/access-log")
    Response accessLog(@PathParam("id") String subjectId, @QueryParam("after") Long after, @QueryParam("limit") int limit);

    // ---- issue 16 and 17: casework (escalations, decline reviews, waiting lists, caseload, turn-aways, cost lines) ----

    @POST
    @Path("/referrals/{id}/escalations")
    @Consumes(MediaType.APPLICATION_JSON)
    Response escalate(@PathParam("id") String id, String body);

    @POST
    @Path("/referrals/{id}/decline-reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    Response declineReview(@PathParam("id") String id, String body);

    @GET
    @Path("/referrals/{id}/challenges")
    Response challenges(@PathParam("id") String id);

    @POST
    @Path("/referrals/{id}/challenges/{challengeId}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    Response answerChallenge(@PathParam("id") String id, @PathParam("challengeId") String challengeId, String body);

    @GET
    @Path("/referrals/{id}/costs")
    Response costs(@PathParam("id") String id);

    @POST
    @Path("/referrals/{id}/costs")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addCost(@PathParam("id") String id, String body);

    @GET
    @Path("/queues/waiting-list")
    Response waitingList(@QueryParam("serviceId") String serviceId);

    @GET
    @Path("/caseload")
    Response caseload();

    @POST
    @Path("/turn-aways")
    @Consumes(MediaType.APPLICATION_JSON)
    Response turnAway(String body);
}
