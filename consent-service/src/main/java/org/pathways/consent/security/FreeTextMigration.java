package org.pathways.consent.security;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.pathways.consent.repository.ConsentRepository;
import org.pathways.consent.repository.OverrideRepository;
import org.pathways.platform.repository.Jdbc;

import io.quarkus.runtime.StartupEvent;

/**
 * Moves free text written before ADR 0028 from the plain columns into ciphertexts under her key, once, at start-up
 * (Flyway has made the columns; the key-encryption key is application configuration, which a SQL migration cannot
 * use). Idempotent: only rows whose plain column is still set are touched, so a restart, or several instances starting
 * at once (row locks, skip locked), change nothing twice. An erased subject's leftover text is simply cleared.
 */
@ApplicationScoped
public class FreeTextMigration {

    private static final Logger LOG = Logger.getLogger(FreeTextMigration.class);

    @Inject
    Jdbc jdbc;

    @Inject
    SubjectTexts texts;

    private record Row(UUID subjectId, UUID consentId, int version, UUID overrideId, String text, boolean erased) {
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        int moved = migrate();
        if (moved > 0) LOG.infof("encrypted %d free texts written before ADR 0028 under their subjects' keys", moved);
    }

    int migrate() {
        List<Row> notes = jdbc.query("""
                select c.subject_id, v.consent_id, v.version, v.explanation_note, s.erased_at is not null as erased
                  from consent_version v join consent c on c.id = v.consent_id left join subject s on s.id = c.subject_id
                 where v.explanation_note is not null for update of v skip locked
                """, ps -> { }, rs -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), null,
                rs.getString(4), rs.getBoolean(5)));
        for (Row r : notes) {
            byte[] sealed = r.erased() ? null : texts.seal(r.subjectId(),
                    ConsentRepository.notePlace(r.consentId(), r.version()), r.text());
            jdbc.update("update consent_version set explanation_note = null, explanation_note_enc = ? where consent_id = ? and version = ?",
                    ps -> {
                        ps.setBytes(1, sealed);
                        ps.setObject(2, r.consentId());
                        ps.setInt(3, r.version());
                    });
        }
        List<Row> justifications = jdbc.query("""
                select o.subject_id, o.id, o.justification, s.erased_at is not null as erased
                  from safeguarding_override o left join subject s on s.id = o.subject_id
                 where o.justification is not null for update of o skip locked
                """, ps -> { }, rs -> new Row(rs.getObject(1, UUID.class), null, 0, rs.getObject(2, UUID.class),
                rs.getString(3), rs.getBoolean(4)));
        for (Row r : justifications) {
            byte[] sealed = r.erased() ? null : texts.seal(r.subjectId(),
                    OverrideRepository.justificationPlace(r.overrideId()), r.text());
            jdbc.update("update safeguarding_override set justification = null, justification_enc = ? where id = ?", ps -> {
                ps.setBytes(1, sealed);
                ps.setObject(2, r.overrideId());
            });
        }
        return notes.size() + justifications.size();
    }
}
