package org.pathways.referral.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** Repeat contacts (V79, ADR 0072), in the caller's transaction. Dates, codes and ids of one organisation only. */
@ApplicationScoped
public class RepeatContactRepository {

    /** A contact with her organisation: her registration, a recorded return, or a record registered again. */
    public record Contact(UUID id, UUID subjectId, LocalDate contactedOn, String channel, UUID linkedSubjectId, String recordedBy,
            Instant recordedAt) {
    }

    /** The organisation's repeat contact figures for a period. */
    public record Figures(long people, long repeatPeople, long contacts) {
    }

    @Inject
    Jdbc jdbc;

    public void insert(Contact c, UUID organisationId) {
        jdbc.update("insert into subject_contact (id, subject_id, organisation_id, contacted_on, channel, linked_subject_id, recorded_by, "
                + "recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, c.id());
                    ps.setObject(2, c.subjectId());
                    ps.setObject(3, organisationId);
                    ps.setObject(4, c.contactedOn());
                    ps.setString(5, c.channel());
                    ps.setObject(6, c.linkedSubjectId());
                    ps.setString(7, c.recordedBy());
                    Jdbc.setInstant(ps, 8, c.recordedAt());
                });
    }

    /** The record a re-registered record was linked to, if it was. */
    public Optional<UUID> repeatOf(UUID subjectId) {
        return jdbc.query("select repeat_of from subject where id = ? and repeat_of is not null", ps -> ps.setObject(1, subjectId),
                rs -> Jdbc.uuid(rs, "repeat_of")).stream().findFirst();
    }

    public void link(UUID subjectId, UUID earlier) {
        jdbc.update("update subject set repeat_of = ? where id = ?", ps -> {
            ps.setObject(1, earlier);
            ps.setObject(2, subjectId);
        });
    }

    /** Her contacts after her registration, oldest first. */
    public List<Contact> of(UUID subjectId) {
        return jdbc.query("select * from subject_contact where subject_id = ? order by contacted_on, recorded_at", ps -> ps.setObject(1, subjectId),
                rs -> new Contact(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "subject_id"), rs.getObject("contacted_on", LocalDate.class),
                        rs.getString("channel"), Jdbc.uuid(rs, "linked_subject_id"), rs.getString("recorded_by"), Jdbc.instant(rs, "recorded_at")));
    }

    /**
     * The organisation's figures for the UK days [from, toExclusive): the people with a contact in it (a registration not linked to an earlier
     * record, or a recorded contact on her record), how many of them had contacted it before that contact (a repeat),
     * and the contacts counted. Erased records are left out.
     */
    public Figures figures(UUID organisationId, LocalDate from, LocalDate toExclusive) {
        String contacts = "select s.id as person, (s.registered_at at time zone 'Europe/London')::date as on_day, 1 as first "
                + " from subject s where s.organisation_id = ? and s.repeat_of is null and s.erased_at is null "
                + "union all "
                + "select c.subject_id, c.contacted_on, 0 from subject_contact c join subject s on s.id = c.subject_id "
                + " where c.organisation_id = ? and s.erased_at is null";
        String sql = "with contact as (" + contacts + ") "
                + "select count(distinct person) as people, "
                + "  count(distinct person) filter (where first = 0) as repeat_people, count(*) as contacts "
                + "from contact where on_day >= ? and on_day < ?";
        return jdbc.query(sql, ps -> {
            ps.setObject(1, organisationId);
            ps.setObject(2, organisationId);
            ps.setObject(3, from);
            ps.setObject(4, toExclusive);
        }, rs -> new Figures(rs.getLong("people"), rs.getLong("repeat_people"), rs.getLong("contacts"))).get(0);
    }
}
