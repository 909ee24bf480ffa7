package org.pathways.referral;

import java.util.Map;

import org.pathways.stack.StackManager;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts directory-service and consent-service as real processes of the test stack (from their packaged jars, which
 * the build packages first: see the build-order dependencies in this module's pom), so referral tests call the real
 * services over HTTP and consent-service learns her registration over the real Kafka broker.
 */
public class PartnerServicesTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        StackManager stack = StackManager.forProfile("test");
        long owner = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
        stack.ensure(owner, false, true);
        stack.startComponent("directory");
        stack.startComponent("consent");
        return Map.of();
    }

    @Override
    public void stop() {
        // Nothing: they belong to the build's stack and stop with it.
    }
}
