package org.pathways.dashboard.web;

import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A call to a service as its answer, whatever the status: the pages decide what a 404, 412 or 422 means. The REST
 * clients' default exception mapper is switched off in the configuration; this keeps the rule if it is ever on.
 */
final class Calls {

    private Calls() {
    }

    static Response answer(Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }
}
