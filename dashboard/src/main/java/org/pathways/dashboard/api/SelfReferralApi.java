package org.pathways.dashboard.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * referral-service's one public write (ADR 0089), called without a token: she is not signed in. Her address goes in
 * {@code X-Forwarded-For} so the service's per-address limit counts her, not the dashboard (it trusts the header only
 * from its configured proxies).
 */
@RegisterRestClient(configKey = "referral")
@Path("/api/self-referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SelfReferralApi {

    @POST
    Response send(@HeaderParam("X-Forwarded-For") String clientAddress, Object body);
}
