package org.pathways.stack.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.pathways.stack.StackManager;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real test stack (PostgreSQL, Kafka, Keycloak on the test ports), starting the
 * stack first if this build has not started it yet. Usage, once per service test suite:
 *
 * <pre>
 * &#64;QuarkusTestResource(value = LocalStackTestResource.class, initArgs = &#64;ResourceArg(name = "service", value = "directory"))
 * </pre>
 *
 * The stack belongs to the Maven build (the test JVM's parent): it outlives one module's tests and is stopped when the
 * build ends, pass or fail.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", "directory");
    }

    @Override
    public Map<String, String> start() {
        StackManager stack = StackManager.forProfile("test");
        long owner = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
        stack.ensure(owner, false, true);
        Map<String, String> config = new LinkedHashMap<>(stack.serviceConfig(service));
        // referral-service's tests run consent-service as a process, which asks referral-service for her standing on
        // every request (ADR 0027): the referral-service under test listens where the stack says referral-service is.
        config.put("quarkus.http.test-port", "referral".equals(service)
                ? String.valueOf(stack.layout().servicePort(org.pathways.stack.StackLayout.service("referral"))) : "0");
        return config;
    }

    @Override
    public void stop() {
        // Nothing: the stack is shared by every module of the build and stopped by its owner.
    }
}
