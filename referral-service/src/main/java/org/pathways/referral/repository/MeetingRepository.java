package org.pathways.referral.repository;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.Meeting;

/** Multi-agency meeting records (V77, ADR 0069), in the caller's transaction. */
@ApplicationScoped
public class MeetingRepository {

    @Inject
    Jdbc jdbc;

    /** A meeting as listed for her: ids, kind and date only. */
    public record Listed(UUID id, UUID organisationId, Meeting.Kind kind, LocalDate heldOn) {
    }

    public void insert(Meeting m) {
        jdbc.update("insert into meeting (id, organisation_id, kind, held_on, attendee_organisation_ids, recorded_by, recorded_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, m.id());
                    ps.setObject(2, m.organisationId());
                    ps.setString(3, m.kind().name());
                    ps.setObject(4, m.heldOn());
                    ps.setArray(5, ps.getConnection().createArrayOf("uuid", m.attendeeOrganisationIds().toArray()));
                    ps.setString(6, m.recordedBy());
                    Jdbc.setInstant(ps, 7, m.recordedAt());
                });
        for (Meeting.Case c : m.cases()) {
            jdbc.update("insert into meeting_case (meeting_id, subject_id, decisions) values (?, ?, ?)", ps -> {
                ps.setObject(1, m.id());
                ps.setObject(2, c.subjectId());
                ps.setArray(3, ps.getConnection().createArrayOf("varchar", c.decisions().stream().map(Enum::name).toArray()));
            });
            for (Meeting.Action a : c.actions()) {
                jdbc.update("insert into meeting_action (id, meeting_id, subject_id, position, owner_organisation_id, owner_user_id, due_on, "
                        + "text_ciphertext) values (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                            ps.setObject(1, a.id());
                            ps.setObject(2, m.id());
                            ps.setObject(3, c.subjectId());
                            ps.setInt(4, a.position());
                            ps.setObject(5, a.ownerOrganisationId());
                            ps.setString(6, a.ownerUserId());
                            ps.setObject(7, a.dueOn());
                            ps.setBytes(8, a.ciphertext());
                        });
            }
        }
    }

    /** The meeting if the organisation recorded it (its cases and actions, texts still encrypted). */
    public Optional<Meeting> find(UUID id, UUID organisationId) {
        List<Meeting> found = jdbc.query("select * from meeting where id = ? and organisation_id = ?", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, organisationId);
        }, rs -> new Meeting(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "organisation_id"), Meeting.Kind.valueOf(rs.getString("kind")),
                rs.getObject("held_on", LocalDate.class), uuids(rs.getArray("attendee_organisation_ids")), rs.getString("recorded_by"),
                Jdbc.instant(rs, "recorded_at"), List.of()));
        if (found.isEmpty()) return Optional.empty();
        Meeting m = found.get(0);
        record ActionRow(UUID subjectId, Meeting.Action action) {
        }
        List<ActionRow> actions = jdbc.query("select * from meeting_action where meeting_id = ? order by subject_id, position",
                ps -> ps.setObject(1, id), rs -> new ActionRow(Jdbc.uuid(rs, "subject_id"), new Meeting.Action(Jdbc.uuid(rs, "id"),
                        rs.getInt("position"), Jdbc.uuid(rs, "owner_organisation_id"), rs.getString("owner_user_id"),
                        rs.getObject("due_on", LocalDate.class), rs.getBytes("text_ciphertext"), null)));
        List<Meeting.Case> cases = jdbc.query("select * from meeting_case where meeting_id = ? order by subject_id", ps -> ps.setObject(1, id),
                rs -> {
                    UUID subject = Jdbc.uuid(rs, "subject_id");
                    List<Meeting.Decision> decisions = new ArrayList<>();
                    for (Object d : (Object[]) rs.getArray("decisions").getArray()) decisions.add(Meeting.Decision.valueOf((String) d));
                    return new Meeting.Case(subject, decisions,
                            actions.stream().filter(a -> a.subjectId().equals(subject)).map(ActionRow::action).toList());
                });
        return Optional.of(new Meeting(m.id(), m.organisationId(), m.kind(), m.heldOn(), m.attendeeOrganisationIds(), m.recordedBy(),
                m.recordedAt(), cases));
    }

    /** The meetings she was discussed at that the organisation recorded, latest first. */
    public List<Listed> forSubject(UUID subjectId, UUID organisationId) {
        return jdbc.query("select m.id, m.organisation_id, m.kind, m.held_on from meeting m join meeting_case c on c.meeting_id = m.id "
                + "where c.subject_id = ? and m.organisation_id = ? order by m.held_on desc, m.recorded_at desc", ps -> {
                    ps.setObject(1, subjectId);
                    ps.setObject(2, organisationId);
                }, rs -> new Listed(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "organisation_id"), Meeting.Kind.valueOf(rs.getString("kind")),
                        rs.getObject("held_on", LocalDate.class)));
    }

    private static List<UUID> uuids(Array a) throws SQLException {
        return Arrays.stream((Object[]) a.getArray()).map(o -> (UUID) o).toList();
    }
}
