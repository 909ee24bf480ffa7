package org.pathways.platform.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.pathways.contracts.vocab.Purpose;

import com.fasterxml.jackson.databind.JsonNode;

/** A test-only endpoint with the kinds of fields real endpoints have, to exercise the error mapping. */
@Path("/test/echo")
public class EchoResource {

    public record Item(@NotBlank String code) {
    }

    public record Request(@NotBlank @Size(max = 20) String label, @NotNull @Min(0) @Max(120) Integer age,
                          @NotNull Purpose purpose, UUID organisationId, @Valid List<Item> items, LocalDate born,
                          OffsetDateTime until, Boolean flag, boolean plain) {
    }

    public record Found(String id, String search, String note) {
    }

    @GET
    @Path("/found/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("caseworker")
    public Found found(@PathParam("id") String id, @QueryParam("search") String search, @HeaderParam("X-Note") String note) {
        return new Found(id, search, note);
    }

    public record Flags(boolean discreet, Boolean maybe) {
    }

    @GET
    @Path("/flags")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("caseworker")
    public Flags flags(@QueryParam("discreet") @jakarta.ws.rs.DefaultValue("false") boolean discreet, @QueryParam("maybe") Boolean maybe) {
        return new Flags(discreet, maybe);
    }

    @PUT
    @Path("/tree")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("caseworker")
    public JsonNode tree(JsonNode body) {
        return body;
    }

    /** No @Consumes: the body must still be JSON. */
    @POST
    @Path("/loose")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("caseworker")
    public Item loose(@Valid @NotNull Item body) {
        return body;
    }

    @GET
    @Path("/page")
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return "<!DOCTYPE html><html><head><title>Page</title><style>p { margin: 0 }</style></head><body><p>A page</p></body></html>";
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
