package org.pathways.referral.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** What a subject access export gathers about one person: ids to load through the other repositories, and her records. */
@ApplicationScoped
public class SubjectAccessRepository {

    /** One stored section version: category and version. */
    public record SectionRef(String category, int version) {
    }

    @Inject
    Jdbc jdbc;

    public List<SectionRef> sectionVersions(UUID subjectId) {
        return jdbc.query("select category, version from summary_section where subject_id = ? order by category, version",
                ps -> ps.setObject(1, subjectId), rs -> new SectionRef(rs.getString(1), rs.getInt(2)));
    }

    public List<UUID> referralIds(UUID subjectId) {
        return jdbc.query("select id from referral where subject_id = ? order by created_at", ps -> ps.setObject(1, subjectId),
                rs -> rs.getObject(1, UUID.class));
    }

    /** Each signpost's external organisation: ciphertext under her key (or a clear text written before V46). */
    public record SignpostText(UUID id, byte[] ciphertext, String clear) {
    }

    public List<SignpostText> signpostTexts(UUID subjectId) {
        return jdbc.query("select id, external_organisation_ciphertext, external_organisation from signpost where subject_id = ? "
                + "order by created_at", ps -> ps.setObject(1, subjectId),
                rs -> new SignpostText(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3)));
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
        return jdbc.query(sql, ps -> ps.setObject(1, subjectId), rs -> {
            int n = rs.getMetaData().getColumnCount();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                row.put(rs.getMetaData().getColumnLabel(i), v == null ? null : v.toString());
            }
            return row;
        });
    }
}
