package org.pathways.platform.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The error answers every service gives the same way, added to each operation of the OpenAPI document so that the
 * resources only declare what is particular to them (ADR 0007):
 * <ul>
 * <li>every 4xx/5xx response is {@code application/problem+json} with the {@code Problem} schema (RFC 9457, see
 * {@link Problem}); a resource declares e.g. {@code @APIResponse(responseCode = "409", description = "...")} and this
 * filter supplies the body;</li>
 * <li>401 and 403 on every secured operation (deny by default: role and organisation);</li>
 * <li>400 on every operation that takes input (a body or any parameter), 415 and 413 on every one with a body;</li>
 * <li>404 on every operation with a path parameter (unknown, or not visible to the caller's organisation);</li>
 * <li>a {@code Location} header on a 201 gets its string schema.</li>
 * </ul>
 * Success answers (201 + Location where it creates, 204 where empty) and typed bodies are declared on the resources.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    public static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) api.setComponents(OASFactory.createComponents());
        Components components = api.getComponents();
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        boolean securedByDefault = api.getSecurity() != null && !api.getSecurity().isEmpty();
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) return;
        for (PathItem item : api.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) continue;
            for (Operation op : item.getOperations().values()) {
                document(op, item, securedByDefault);
            }
        }
    }

    private static void document(Operation op, PathItem item, boolean securedByDefault) {
        if (op.getResponses() == null) op.setResponses(OASFactory.createAPIResponses());
        APIResponses responses = op.getResponses();
        List<Parameter> params = new ArrayList<>();
        if (item.getParameters() != null) params.addAll(item.getParameters());
        if (op.getParameters() != null) params.addAll(op.getParameters());
        boolean secured = op.getSecurity() == null ? securedByDefault || responses.hasAPIResponse("401")
                : !op.getSecurity().isEmpty();
        boolean body = op.getRequestBody() != null;
        boolean pathParams = params.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean input = body || params.stream().anyMatch(p -> p.getIn() != Parameter.In.COOKIE);

        if (input) add(responses, "400", "Bad input: the fields at fault in errors[] (never their values); nothing was changed");
        if (secured) {
            add(responses, "401", "No valid bearer token");
            add(responses, "403", "Your role (or, where said, your organisation's relation to it) may not do this");
        }
        if (pathParams) add(responses, "404", "Not found, or not visible to your organisation");
        if (body) {
            add(responses, "413", "The request body is too large");
            add(responses, "415", "The request body must be application/json");
        }
        for (Map.Entry<String, APIResponse> e : responses.getAPIResponses().entrySet()) {
            APIResponse r = e.getValue();
            if (r.getRef() != null) continue;
            if (isError(e.getKey())) {
                // The body of every error is a problem: replace whatever a generic scan put there.
                r.setContent(problemContent());
                if (r.getDescription() == null || r.getDescription().isBlank()) r.setDescription("Problem " + e.getKey());
            }
            if (r.getHeaders() != null) {
                for (Map.Entry<String, Header> h : r.getHeaders().entrySet()) {
                    if (h.getValue().getSchema() == null && h.getValue().getRef() == null) {
                        h.getValue().setSchema(OASFactory.createSchema().addType(SchemaType.STRING));
                    }
                }
            }
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        } else if (responses.getAPIResponse(code).getDescription() == null
                || responses.getAPIResponse(code).getDescription().isBlank()) {
            responses.getAPIResponse(code).setDescription(description);
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    /** The schema of {@link Problem}, written out because no operation returns it as a Java type. */
    static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One field at fault: its JSON path (or parameter / header name) and what is wrong, never its value")
                .addProperty("field", string).addProperty("message", string).addRequired("field").addRequired("message");
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri")
                        .description("https://pathways.example/problems/<slug>, e.g. validation, illegal-transition"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string)
                .addProperty("instance", OASFactory.createSchema().addType(SchemaType.STRING).description("the request path"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(fieldError))
                .addProperty("allowed", OASFactory.createSchema().addType(SchemaType.ARRAY).items(string)
                        .description("what would have been accepted, e.g. the legal next states of a referral"))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
