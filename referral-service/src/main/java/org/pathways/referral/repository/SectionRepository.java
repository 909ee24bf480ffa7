package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.failure;
import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.referral.domain.SectionVersion;

import io.agroal.api.AgroalDataSource;

/** Encrypted section versions. Callers have already checked that the subject is the caller's organisation's. */
@ApplicationScoped
public class SectionRepository {

    private static final String COLUMNS = "subject_id, category, version, ciphertext, author_id, author_organisation_id, created_at";

    @Inject
    AgroalDataSource dataSource;

    public void insert(SectionVersion v) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into summary_section (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, v.subjectId());
            ps.setString(2, v.category().code());
            ps.setInt(3, v.version());
            ps.setBytes(4, v.ciphertext());
            ps.setString(5, v.authorId());
            ps.setObject(6, v.authorOrganisationId());
            setInstant(ps, 7, v.createdAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("writing a section", e);
        }
    }

    /** The current (highest) version number of a section, 0 if it has none. */
    public int currentVersion(UUID subjectId, DataCategory category) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select coalesce(max(version), 0) from summary_section where subject_id = ? and category = ?")) {
            ps.setObject(1, subjectId);
            ps.setString(2, category.code());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failure("reading a section version", e);
        }
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
        List<SectionVersion> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select distinct on (category) " + COLUMNS
                     + " from summary_section where subject_id = ? order by category, version desc")) {
            ps.setObject(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs, true));
            }
        } catch (SQLException e) {
            throw failure("reading the summary", e);
        }
        out.sort((a, b) -> a.category().compareTo(b.category()));
        return out;
    }

    /** Every version of one section, newest first, without content. */
    public List<SectionVersion> history(UUID subjectId, DataCategory category) {
        List<SectionVersion> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select subject_id, category, version, null as ciphertext, author_id, "
                     + "author_organisation_id, created_at from summary_section where subject_id = ? and category = ? order by version desc")) {
            ps.setObject(1, subjectId);
            ps.setString(2, category.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs, false));
            }
        } catch (SQLException e) {
            throw failure("reading section history", e);
        }
        return out;
    }

    private Optional<SectionVersion> one(String sql, UUID subjectId, DataCategory category, Integer version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, subjectId);
            ps.setString(2, category.code());
            if (version != null) ps.setInt(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs, true)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading a section", e);
        }
    }

    private static SectionVersion map(ResultSet rs, boolean withContent) throws SQLException {
        return new SectionVersion(uuid(rs, "subject_id"), DataCategory.fromCode(rs.getString("category")), rs.getInt("version"),
                withContent ? rs.getBytes("ciphertext") : null, rs.getString("author_id"), uuid(rs, "author_organisation_id"),
                instant(rs, "created_at"));
    }
}
