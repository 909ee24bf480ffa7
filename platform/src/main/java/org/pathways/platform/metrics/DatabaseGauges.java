package org.pathways.platform.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way a service puts numbers read from its own database on {@code /q/metrics} (ADR 0078): one query per group
 * of gauges, read at most once per {@code pathways.metrics.database-gauges-max-age} whatever the number of scrapes
 * ({@link CachedQuery}). Every replica reports the same database, so dashboards and alerts take the max.
 *
 * <pre>
 * gauges.query("select count(*), ... from outbox_event where ...", 2)
 *       .gauge("pathways.outbox.pending", 0, "Events committed and not yet published")
 *       .seconds("pathways.outbox.oldest.pending.age", 1, "How long the oldest has waited");
 * </pre>
 */
@ApplicationScoped
public class DatabaseGauges {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "pathways.metrics.database-gauges-max-age", defaultValue = "5S")
    Duration maxAge;

    /** A query of one row and {@code columns} numeric columns, each column the value of gauges registered on it. */
    public Group query(String sql, int columns) {
        return new Group(new CachedQuery(dataSource, sql, columns, maxAge));
    }

    /** Gauges reading the columns of one cached query. */
    public final class Group {

        private final CachedQuery query;

        private Group(CachedQuery query) {
            this.query = query;
        }

        /** A gauge on column {@code column} (0-based); {@code tags} as name, value pairs. */
        public Group gauge(String name, int column, String description, String... tags) {
            register(name, column, description, null, tags);
            return this;
        }

        /** A gauge on column {@code column} whose values are seconds. */
        public Group seconds(String name, int column, String description) {
            register(name, column, description, "seconds");
            return this;
        }

        private void register(String name, int column, String description, String unit, String... tags) {
            // strongReference: Micrometer holds a gauge's object weakly and nothing else holds the query.
            Gauge.builder(name, query, q -> q.get(column)).description(description).baseUnit(unit).tags(tags)
                    .strongReference(true).register(metrics);
        }
    }
}
