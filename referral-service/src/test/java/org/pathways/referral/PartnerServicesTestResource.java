package org.pathways.referral;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.pathways.stack.StackLayout;
import org.pathways.stack.StackManager;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts directory-service and consent-service as real processes of the test stack (from their packaged jars, which
 * the build packages first: see the build-order dependencies in this module's pom), so referral tests call the real
 * services over HTTP and consent-service learns her registration over the real Kafka broker.
 */
public class PartnerServicesTestResource implements QuarkusTestResourceLifecycleManager {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Map<String, String> start() {
        StackManager stack = StackManager.forProfile("test");
        long owner = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
        stack.ensure(owner, false, true);
        stack.startComponent("directory");
        stack.startComponent("consent");
        warmUp(stack.layout());
        return Map.of();
    }

    /**
     * One authenticated call to each, as referral-service makes them, so their first-request costs (fetching Keycloak's
     * keys, warming the JIT) are not paid inside a test under referral-service's short client time-outs.
     */
    static void warmUp(StackLayout layout) {
        try {
            String form = "grant_type=client_credentials&client_id=referral-service&client_secret="
                    + URLEncoder.encode("referral-service-demo-secret", StandardCharsets.UTF_8);
            HttpResponse<String> t = HTTP.send(HttpRequest.newBuilder(URI.create(layout.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String token = t.body().replaceAll("^.*\"access_token\":\"([^\"]+)\".*$", "$1");
            for (int i = 0; i < 3; i++) {
                HTTP.send(HttpRequest.newBuilder(URI.create(layout.serviceUrl(StackLayout.service("directory"))
                        + "/internal/services/" + UUID.randomUUID() + "/routing")).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding());
                HTTP.send(HttpRequest.newBuilder(URI.create(layout.serviceUrl(StackLayout.service("consent")) + "/api/decisions/batch"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{\"decisions\":[]}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not warm up directory-service and consent-service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // Nothing: they belong to the build's stack and stop with it.
    }
}
