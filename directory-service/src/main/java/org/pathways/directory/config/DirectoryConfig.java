package org.pathways.directory.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The directory's own settings ({@code pathways.directory.*}). Plain properties rather than a {@code @ConfigMapping}:
 * the launcher also sets {@code pathways.directory.url} (the service's address for other services), which a mapping
 * of this prefix would reject as unknown.
 */
@ApplicationScoped
public class DirectoryConfig {

    /** Capacity nobody has confirmed for this long is flagged stale. */
    @ConfigProperty(name = "pathways.directory.capacity-stale-after", defaultValue = "P14D")
    Duration capacityStaleAfter;

    /** Largest page any list endpoint returns (HSDS per_page). */
    @ConfigProperty(name = "pathways.directory.max-page-size", defaultValue = "100")
    int maxPageSize;

    @ConfigProperty(name = "pathways.directory.default-page-size", defaultValue = "20")
    int defaultPageSize;

    /** Public base URL of the open feed, used in the HSDS meta endpoint ("none": derived from the request). */
    @ConfigProperty(name = "pathways.directory.public-base-url", defaultValue = "none")
    String publicBaseUrl;

    public Duration capacityStaleAfter() {
        return capacityStaleAfter;
    }

    public int maxPageSize() {
        return maxPageSize;
    }

    public int defaultPageSize() {
        return defaultPageSize;
    }

    public String publicBaseUrl() {
        return publicBaseUrl;
    }
}
