package org.pathways.referral.repository;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * The tables naming her, or one of her referrals, that the export shows (SubjectAccessExportTest checks that every
     * such table of the live schema is here or in {@link #NOT_EXPORTED}).
     */
    public static final Set<String> EXPORTED = Set.of("referral", "referral_history", "summary_section", "signpost",
            "no_service_found", "access_audit", "engagement", "erasure_request", "subject_team_member", "meeting_case",
            "meeting_action", "subject_contact", "wellbeing_measure", "equality_monitoring", "support_period",
            "referral_challenge", "referral_cost", "referral_informal_support", "referral_assignment", "self_referral",
            "statutory_referral");

    /** Tables naming her that hold nothing to show her, and why. */
    public static final Map<String, String> NOT_EXPORTED = Map.of(
            "subject_key", "her data key, wrapped: a key, not information about her (her decrypted records are the export)",
            "subject_team", "only the version and time of her team (its members are exported, with who added them when)",
            "identity_hash", "keyed hashes of her identifiers for finding a repeat registration: unreadable by design, and "
                    + "handing them out would let them be matched elsewhere",
            "referral_timer", "the service's own due times for answering a referral; what they caused is in the referral's history");

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

    /** One record stored under her key: its ids, clear columns, and the ciphertext to decrypt. */
    public record Sealed(UUID id, UUID parentId, Map<String, Object> clear, byte[] ciphertext) {
    }

    /** Actions agreed for her at meetings (the text is under her key, bound to the meeting and the action). */
    public List<Sealed> meetingActions(UUID subjectId) {
        return sealed("select id, meeting_id, position, owner_organisation_id, owner_user_id, due_on, text_ciphertext "
                + "from meeting_action where subject_id = ? order by meeting_id, position", subjectId);
    }

    /** Her wellbeing measures (the answers are under her key). */
    public List<Sealed> wellbeingMeasures(UUID subjectId) {
        return sealed("select id, null as parent, organisation_id, timepoint, taken_on, recorded_by, recorded_at, ciphertext "
                + "from wellbeing_measure where subject_id = ? order by recorded_at", subjectId);
    }

    /** Every version of her equality monitoring answers (under her key). */
    public List<Sealed> equalityMonitoring(UUID subjectId) {
        return sealed("select id, null as parent, organisation_id, version, recorded_by, recorded_at, ciphertext "
                + "from equality_monitoring where subject_id = ? order by version", subjectId);
    }

    // First column the record's id, second its parent's (or null), last the ciphertext; the rest are clear columns.
    private List<Sealed> sealed(String sql, UUID subjectId) {
        return jdbc.query(sql, ps -> ps.setObject(1, subjectId), rs -> {
            int n = rs.getMetaData().getColumnCount();
            Map<String, Object> clear = new LinkedHashMap<>();
            for (int i = 3; i < n; i++) clear.put(rs.getMetaData().getColumnLabel(i), plain(rs.getObject(i)));
            return new Sealed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), clear, rs.getBytes(n));
        });
    }

    /**
     * Her records as plain rows, by table (ADR 0088: every table that names her, or one of her referrals, is in the
     * export; turn-aways and blockages name neither and are not). Keyed by her id, or for the referral tables by a
     * referral's id.
     */
    public List<Map<String, Object>> rows(String table, UUID id) {
        String sql = switch (table) {
            case "signpost" -> "select id, organisation_id, need_code, replaces_referral_id, created_at "
                    + "from signpost where subject_id = ? order by created_at";
            case "no_service_found" -> "select id, organisation_id, need_code, replaces_referral_id, created_at "
                    + "from no_service_found where subject_id = ? order by created_at";
            case "self_referral" -> "select referral_id, reference, created_at from self_referral where subject_id = ?"; // ADR 0089
            case "engagement" -> "select organisation_id, source, started_at from engagement where subject_id = ? order by started_at";
            case "subject_team_member" -> "select id, user_id, organisation_id, role, partnership_id, basis, basis_ref, added_at, "
                    + "added_by, removed_at, removed_by from subject_team_member where subject_id = ? order by added_at";
            case "meeting_case" -> "select m.id as meeting_id, m.organisation_id, m.kind, m.held_on, m.attendee_organisation_ids, "
                    + "c.decisions, m.recorded_by, m.recorded_at from meeting_case c join meeting m on m.id = c.meeting_id "
                    + "where c.subject_id = ? order by m.held_on, m.id";
            case "subject_contact" -> "select id, organisation_id, contacted_on, channel, subject_id, linked_subject_id, recorded_by, "
                    + "recorded_at from subject_contact where ? in (subject_id, linked_subject_id) order by contacted_on, recorded_at";
            case "support_period" -> "select id, partnership_id, organisation_id, service_id, started_on, ddvc_eligible, limit_weeks, "
                    + "planned_end, ended_on, end_reason, ended_at, started_by, created_at, updated_at "
                    + "from support_period where referral_id = ?";
            case "support_extension" -> "select e.id, e.period_id, e.weeks, e.reason_code, e.status, e.requested_by, e.requested_at, "
                    + "e.decided_by, e.decided_at from support_extension e join support_period p on p.id = e.period_id "
                    + "where p.referral_id = ? order by e.requested_at";
            case "referral_cost" -> "select id, organisation_id, service_id, category, amount_pence, provided_on, recorded_by, recorded_at "
                    + "from referral_cost where referral_id = ? order by provided_on, recorded_at";
            case "referral_challenge" -> "select id, kind, reason_code, referral_version, referral_state, raised_at, raised_by, "
                    + "raised_organisation_id, answered_at, answered_by, answered_organisation_id, outcome "
                    + "from referral_challenge where referral_id = ? order by raised_at";
            case "erasure_request" -> "select id, organisation_id, reason_code, state, requested_by, requested_at, decided_by, decided_at "
                    + "from erasure_request where subject_id = ? order by requested_at";
            case "referral_assignment" -> "select organisation_id, user_id, assigned_by, assigned_at from referral_assignment "
                    + "where referral_id = ?";
            case "referral_informal_support" -> "select id, organisation_id, started_at, started_by, ended_at, ended_by "
                    + "from referral_informal_support where referral_id = ? order by started_at";
            default -> throw new IllegalArgumentException("not an export table");
        };
        return jdbc.query(sql, ps -> ps.setObject(1, id), rs -> {
            int n = rs.getMetaData().getColumnCount();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) row.put(rs.getMetaData().getColumnLabel(i), plain(rs.getObject(i)));
            return row;
        });
    }

    // Values as the export shows them: text, numbers and booleans as they are, arrays as lists, the rest as text.
    private static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) a.getArray()) out.add(o == null ? null : o.toString());
            return out;
        }
        return v.toString();
    }
}
