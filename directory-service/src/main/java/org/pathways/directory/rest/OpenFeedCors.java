package org.pathways.directory.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** The open feed may be read from any origin (local authority directories, family hubs tools); the APIs may not. */
public class OpenFeedCors {

    @ServerResponseFilter
    public void allowAnyOrigin(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api") || path.startsWith("/internal") || path.startsWith("/q/")) return;
        response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
    }
}
