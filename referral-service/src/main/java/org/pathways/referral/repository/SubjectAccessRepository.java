package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.failure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** What a subject access export gathers about one person: ids to load through the other repositories, and her records. */
@ApplicationScoped
public class SubjectAccessRepository {

    /** One stored section version: category and version. */
    public record SectionRef(String category, int version) {
    }

    @Inject
    AgroalDataSource dataSource;

    public List<SectionRef> sectionVersions(UUID subjectId) {
        List<SectionRef> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select category, version from summary_section where subject_id = ? order by category, version")) {
            ps.setObject(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new SectionRef(rs.getString(1), rs.getInt(2)));
            }
        } catch (SQLException e) {
            throw failure("listing her section versions", e);
        }
        return out;
    }

    public List<UUID> referralIds(UUID subjectId) {
        List<UUID> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id from referral where subject_id = ? order by created_at")) {
            ps.setObject(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw failure("listing her referrals", e);
        }
        return out;
    }

    /** Each signpost's external organisation: ciphertext under her key (or a clear text written before V46). */
    public record SignpostText(UUID id, byte[] ciphertext, String clear) {
    }

    public List<SignpostText> signpostTexts(UUID subjectId) {
        List<SignpostText> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select id, "
                + "external_organisation_ciphertext, external_organisation from signpost where subject_id = ? order by created_at")) {
            ps.setObject(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new SignpostText(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw failure("reading her signposts", e);
        }
        return out;
    }

    /** Signposts and needs no service could meet, as plain rows. */
    public List<Map<String, Object>> rows(String table, UUID subjectId) {
        String sql = switch (table) {
            case "signpost" -> "select id, organisation_id, need_code, replaces_referral_id, created_at "
                    + "from signpost where subject_id = ? order by created_at";
            case "no_service_found" -> "select id, organisation_id, need_code, replaces_referral_id, created_at "
                    + "from no_service_found where subject_id = ? order by created_at";
            default -> throw new IllegalArgumentException("not an export table");
        };
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.put(rs.getMetaData().getColumnLabel(i), v == null ? null : v.toString());
                    }
                    out.add(row);
                }
            }
        } catch (SQLException e) {
            throw failure("reading her records", e);
        }
        return out;
    }
}
