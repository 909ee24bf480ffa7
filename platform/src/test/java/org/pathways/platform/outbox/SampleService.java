package org.pathways.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;

import io.agroal.api.AgroalDataSource;

/** A stand-in for a service: changes its own state and writes an event in one transaction. */
@ApplicationScoped
public class SampleService {

    public static final String TOPIC = "platform-test.events";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    @Transactional
    public EventEnvelope register(UUID subjectId) {
        insert(subjectId);
        return outbox.publish(TOPIC, EventTypes.SUBJECT_REGISTERED, subjectId.toString(), Map.of(
                "subjectId", subjectId.toString(),
                "organisationId", "5e1f0000-0000-4000-8000-000000000003",
                "occurredAt", OffsetDateTime.now().toString()));
    }

    /** Writes the state and the event, then fails: neither may survive. */
    @Transactional
    public EventEnvelope registerThenFail(UUID subjectId, EventEnvelope[] written) {
        written[0] = register(subjectId);
        throw new IllegalStateException("simulated failure after the event was written");
    }

    private void insert(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into sample_thing (id) values (?)")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean exists(String table, String column, Object id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from " + table + " where " + column + " = ?")) {
            ps.setObject(1, id);
            return ps.executeQuery().next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
