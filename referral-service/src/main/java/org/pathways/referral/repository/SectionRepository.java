package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.SectionVersion;

/** Encrypted section versions. Callers have already checked that the subject is the caller's organisation's. */
@ApplicationScoped
public class SectionRepository {

    private static final String COLUMNS = "subject_id, category, version, ciphertext, author_id, author_organisation_id, created_at";

    @Inject
    Jdbc jdbc;

    public void insert(SectionVersion v) {
        jdbc.update("insert into summary_section (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, v.subjectId());
            ps.setString(2, v.category().code());
            ps.setInt(3, v.version());
            ps.setBytes(4, v.ciphertext());
            ps.setString(5, v.authorId());
            ps.setObject(6, v.authorOrganisationId());
            setInstant(ps, 7, v.createdAt());
        });
    }

    /** The current (highest) version number of a section, 0 if it has none. */
    public int currentVersion(UUID subjectId, DataCategory category) {
        return jdbc.one("select coalesce(max(version), 0) from summary_section where subject_id = ? and category = ?", ps -> {
            ps.setObject(1, subjectId);
            ps.setString(2, category.code());
        }, rs -> rs.getInt(1)).orElseThrow();
    }

    public Optional<SectionVersion> latest(UUID subjectId, DataCategory category) {
        return one("select " + COLUMNS + " from summary_section where subject_id = ? and category = ? order by version desc limit 1",
                subjectId, category, null);
    }

    public Optional<SectionVersion> version(UUID subjectId, DataCategory category, int version) {
        return one("select " + COLUMNS + " from summary_section where subject_id = ? and category = ? and version = ?",
                subjectId, category, version);
    }

    /** The latest version of every section she has, in category order. */
    public List<SectionVersion> latestOfEach(UUID subjectId) {
        List<SectionVersion> out = jdbc.query("select distinct on (category) " + COLUMNS
                + " from summary_section where subject_id = ? order by category, version desc", ps -> ps.setObject(1, subjectId),
                rs -> map(rs, true));
        out.sort((a, b) -> a.category().compareTo(b.category()));
        return out;
    }

    /** Every version of one section, newest first, without content. */
    public List<SectionVersion> history(UUID subjectId, DataCategory category) {
        return jdbc.query("select subject_id, category, version, null as ciphertext, author_id, "
                + "author_organisation_id, created_at from summary_section where subject_id = ? and category = ? order by version desc", ps -> {
                    ps.setObject(1, subjectId);
                    ps.setString(2, category.code());
                }, rs -> map(rs, false));
    }

    private Optional<SectionVersion> one(String sql, UUID subjectId, DataCategory category, Integer version) {
        return jdbc.one(sql, ps -> {
            ps.setObject(1, subjectId);
            ps.setString(2, category.code());
            if (version != null) ps.setInt(3, version);
        }, rs -> map(rs, true));
    }

    private static SectionVersion map(ResultSet rs, boolean withContent) throws SQLException {
        return new SectionVersion(uuid(rs, "subject_id"), DataCategory.fromCode(rs.getString("category")), rs.getInt("version"),
                withContent ? rs.getBytes("ciphertext") : null, rs.getString("author_id"), uuid(rs, "author_organisation_id"),
                instant(rs, "created_at"));
    }
}
