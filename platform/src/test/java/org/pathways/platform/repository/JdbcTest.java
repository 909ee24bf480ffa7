package org.pathways.platform.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The shared JDBC helper against the real PostgreSQL of the test stack (the sandbox database). */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "sandbox"))
class JdbcTest {

    private static final String INSERT = "insert into sample_thing (id, created_at) values (?, ?)";
    private static final String SELECT = "select id, created_at from sample_thing where id = ?";

    record Thing(UUID id, Instant createdAt) {
    }

    @Inject
    Jdbc jdbc;

    private List<Thing> find(UUID id) {
        return jdbc.query(SELECT, ps -> ps.setObject(1, id), rs -> new Thing(Jdbc.uuid(rs, "id"), Jdbc.instant(rs, "created_at")));
    }

    @Test
    void writesAndReadsUuidsAndInstantsExactly() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-22T10:15:30.123456Z"); // PostgreSQL keeps microseconds
        int changed = jdbc.update(INSERT, ps -> {
            ps.setObject(1, id);
            Jdbc.setInstant(ps, 2, at);
        });
        assertEquals(1, changed);
        assertEquals(List.of(new Thing(id, at)), find(id));
        assertEquals(List.of(Jdbc.utc(at)), jdbc.query(SELECT, ps -> ps.setObject(1, id),
                rs -> Jdbc.time(rs, "created_at").withOffsetSameInstant(ZoneOffset.UTC)));
        assertEquals(List.of(), find(UUID.randomUUID()), "no row, empty list");
        List<Instant> nulls = jdbc.query("select null::timestamptz as t", ps -> { }, rs -> Jdbc.instant(rs, "t"));
        assertEquals(1, nulls.size());
        assertNull(nulls.get(0), "a null timestamp stays null");
    }

    @Test
    void batchWritesEveryRowAndNothingForNoRows() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        jdbc.batch("insert into sample_thing (id) values (?)", ids, (ps, id) -> ps.setObject(1, id));
        ids.forEach(id -> assertEquals(1, find(id).size()));
        // No rows: the statement is not even prepared, so an invalid one does no harm.
        jdbc.batch("not sql at all", List.<UUID>of(), (ps, id) -> ps.setObject(1, id));
    }

    @Test
    void oneReadsTheFirstRowOrNothing() {
        UUID id = UUID.randomUUID();
        assertEquals(Optional.of(id), jdbc.one("insert into sample_thing (id) values (?) returning id", Jdbc.params(id),
                rs -> Jdbc.uuid(rs, "id")), "a statement's returning values");
        assertEquals(Optional.of(id), jdbc.one(SELECT, Jdbc.params(id), rs -> Jdbc.uuid(rs, "id")));
        assertEquals(Optional.empty(), jdbc.one(SELECT, Jdbc.params(UUID.randomUUID()), rs -> Jdbc.uuid(rs, "id")), "no row");
        assertEquals(Optional.of(1L), jdbc.one("select count(*) from sample_thing where id = ?", Jdbc.params(id), rs -> rs.getLong(1)));
        assertEquals(Optional.of(1), jdbc.one("select g from generate_series(1, 3) g order by g", Jdbc.params(), rs -> rs.getInt(1)),
                "the first of several rows");
        assertEquals(Optional.empty(), jdbc.one("select null::uuid as id", Jdbc.params(), rs -> Jdbc.uuid(rs, "id")), "null maps to empty");
    }

    @Test
    void scanStopsWhenTheVisitorSaysSo() {
        List<Integer> seen = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> jdbc.scan("select g from generate_series(1, 10) g order by g", ps -> ps.setFetchSize(3),
                rs -> {
                    seen.add(rs.getInt(1));
                    return seen.size() < 4;
                }));
        assertEquals(List.of(1, 2, 3, 4), seen);
    }

    @Test
    void whileHoldingRunsTheWorkOnlyForTheHolder() throws SQLException {
        long key = 0x7e57_0000_0000_0002L;
        // The inner attempt runs on another connection while the outer one holds the lock: refused, its work not run.
        Optional<Boolean> outer = jdbc.whileHolding(key, () -> jdbc.whileHolding(key, () -> true).isPresent());
        assertEquals(Optional.of(false), outer);
        assertEquals(Optional.of("again"), jdbc.whileHolding(key, () -> "again"), "released when the holder finished");
    }

    @Test
    void joinsTheCallersTransaction() {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update("insert into sample_thing (id) values (?)", ps -> ps.setObject(1, id));
            assertEquals(1, find(id).size(), "visible inside the transaction");
            throw new IllegalStateException("roll back");
        }));
        assertTrue(find(id).isEmpty(), "rolled back with the caller's transaction");
    }

    @Test
    void failuresNameTheSqlStateButNeverTheValues() {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into sample_thing (id) values (?)", ps -> ps.setObject(1, id));
        // PostgreSQL's own message quotes the duplicate key; ours must not.
        IllegalStateException duplicate = assertThrows(IllegalStateException.class,
                () -> jdbc.update("insert into sample_thing (id) values (?)", ps -> ps.setObject(1, id)));
        assertEquals("database update failed (23505)", duplicate.getMessage());
        assertFalse(duplicate.getMessage().contains(id.toString()));

        IllegalStateException batch = assertThrows(IllegalStateException.class,
                () -> jdbc.batch("insert into sample_thing (id) values (?)", List.of(id), (ps, x) -> ps.setObject(1, x)));
        assertTrue(batch.getMessage().startsWith("database batch failed ("), batch.getMessage());
        assertFalse(batch.getMessage().contains(id.toString()));

        IllegalStateException query = assertThrows(IllegalStateException.class,
                () -> jdbc.query("select * from no_such_table where id = ?", ps -> ps.setObject(1, id), rs -> 1));
        assertEquals("database query failed (42P01)", query.getMessage());
        IllegalStateException one = assertThrows(IllegalStateException.class,
                () -> jdbc.one("select * from no_such_table where id = ?", Jdbc.params(id), rs -> 1));
        assertEquals("database query failed (42P01)", one.getMessage());

        IllegalStateException wrapped = Jdbc.failure("reading things", new SQLException("Key (id)=(" + id + ") exists", "23505"));
        assertEquals("database error while reading things (SQLState 23505)", wrapped.getMessage());
    }
}
