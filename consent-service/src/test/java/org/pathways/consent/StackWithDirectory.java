package org.pathways.consent;

import java.util.Map;

import org.pathways.stack.StackManager;
import org.pathways.stack.testing.LocalStackTestResource;

/**
 * The real test stack plus directory-service as a real process (from its packaged jar, with the demo directory), so
 * decisions ask the real directory which organisations belong to a partnership. Every consent test class uses this
 * one resource, so the application and the directory start once.
 */
public class StackWithDirectory extends LocalStackTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        StackManager.forProfile("test").startComponent("directory");
        return config;
    }
}
