package org.pathways.platform.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-wraps every stored data key under the current KEK after a rotation (docs/operations.md): in batches, each row
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and none re-wraps a key twice at once; the
 * data keys themselves (and so everything encrypted under them) never change. Runs in services that keep her keys in a
 * {@code subject_key} table and say how they bind them ({@link SubjectKeyBinding}); a no-op elsewhere. The number of keys
 * still under a retired KEK is the gauge {@code pathways_crypto_keys_pending_rewrap}: when it is 0 everywhere, the
 * retired KEK can be removed from the configuration.
 */
@ApplicationScoped
public class KekRotation {

    private static final Logger LOG = Logger.getLogger(KekRotation.class);

    /** How a service binds a subject's wrapped key: the associated data it wrapped it with. */
    public interface SubjectKeyBinding {
        byte[] keyAad(UUID subjectId);
    }

    @Inject
    Instance<SubjectKeyBinding> binding;

    @Inject
    Instance<EnvelopeCrypto> crypto;

    @Inject
    Instance<AgroalDataSource> db;

    @Inject
    MeterRegistry metrics;

    private volatile long pending = -1;

    void init(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent e) {
        if (binding.isResolvable()) metrics.gauge("pathways_crypto_keys_pending_rewrap", this, r -> r.pending);
    }

    @Scheduled(every = "${pathways.crypto.rewrap-every:5m}", delayed = "${pathways.crypto.rewrap-first-after:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!binding.isResolvable()) return;
        try {
            int done = rewrapAll(500);
            if (done > 0) LOG.infof("re-wrapped %d data key(s) under KEK %s", done, crypto.get().kekId());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("re-wrapping data keys failed (%s); the next pass retries", e.getClass().getSimpleName());
        }
    }

    /**
     * Re-wraps keys in batches of {@code batch}, walking the table once by subject id; returns how many it re-wrapped.
     * A key no configured KEK opens (its KEK was removed too early) is left as it is, logged by subject id, and counted
     * as pending: it must not stop the others.
     */
    public int rewrapAll(int batch) throws SQLException {
        int total = 0;
        UUID after = new UUID(0, 0); // the smallest uuid in PostgreSQL's (unsigned, bytewise) order
        for (Batch b; (b = rewrapBatch(batch, after)).seen() > 0;) {
            total += b.rewrapped();
            after = b.last();
        }
        pending = countPending();
        return total;
    }

    /** One batch's result: rows looked at, keys re-wrapped, the last subject id looked at. */
    public record Batch(int seen, int rewrapped, UUID last) {
    }

    /** One batch in one transaction, of the keys after {@code after} (in subject id order) under another KEK. */
    public Batch rewrapBatch(int max, UUID after) throws SQLException {
        EnvelopeCrypto envelope = crypto.get();
        SubjectKeyBinding bind = binding.get();
        try (Connection c = db.get().getConnection()) {
            c.setAutoCommit(false);
            try {
                List<UUID> ids = new ArrayList<>();
                List<byte[]> keys = new ArrayList<>();
                // Skip-locked: a key being re-wrapped (or erased) by another replica right now is left to it.
                try (PreparedStatement ps = c.prepareStatement("select subject_id, wrapped_key from subject_key where kek_id <> ? "
                        + "and subject_id > ? order by subject_id limit ? for update skip locked")) {
                    ps.setString(1, envelope.kekId());
                    ps.setObject(2, after);
                    ps.setInt(3, max);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                            keys.add(rs.getBytes(2));
                        }
                    }
                }
                int rewrapped = 0;
                try (PreparedStatement up = c.prepareStatement("update subject_key set wrapped_key = ?, kek_id = ? where subject_id = ?")) {
                    for (int i = 0; i < ids.size(); i++) {
                        byte[] now;
                        try {
                            now = envelope.rewrap(keys.get(i), bind.keyAad(ids.get(i)));
                        } catch (IllegalStateException unopenable) {
                            LOG.warnf("data key of subject %s opens with no configured KEK; left as it is", ids.get(i));
                            continue;
                        }
                        up.setBytes(1, now);
                        up.setString(2, envelope.kekId());
                        up.setObject(3, ids.get(i));
                        up.addBatch();
                        rewrapped++;
                    }
                    if (rewrapped > 0) up.executeBatch();
                }
                c.commit();
                return new Batch(ids.size(), rewrapped, ids.isEmpty() ? after : ids.get(ids.size() - 1));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Keys still wrapped by a KEK other than the current one. */
    public long countPending() throws SQLException {
        try (Connection c = db.get().getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from subject_key where kek_id <> ?")) {
            ps.setString(1, crypto.get().kekId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
