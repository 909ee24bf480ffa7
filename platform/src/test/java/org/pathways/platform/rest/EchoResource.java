package org.pathways.platform.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.pathways.contracts.vocab.Purpose;

/** A test-only endpoint with the kinds of fields real endpoints have, to exercise the error mapping. */
@Path("/test/echo")
public class EchoResource {

    public record Item(@NotBlank String code) {
    }

    public record Request(@NotBlank @Size(max = 20) String label, @NotNull @Min(0) @Max(120) Integer age,
                          @NotNull Purpose purpose, UUID organisationId, @Valid List<Item> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("caseworker")
    public Request echo(@Valid @NotNull Request request) {
        return request;
    }

    @POST
    @Path("/boom")
    @RolesAllowed("caseworker")
    public String boom() {
        throw new IllegalStateException("secret value 'Jane Canary' must not leave the service");
    }
}
