package org.pathways.referral.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.Blockage;

/** The system blockage log (V78, ADR 0071), in the caller's transaction. */
@ApplicationScoped
public class BlockageRepository {

    @Inject
    Jdbc jdbc;

    /** Which items a partnership sees: its own, and "no service found" items raised by its members. */
    private static final String OF_PARTNERSHIP = "(b.partnership_id = ? or (b.partnership_id is null and b.raised_organisation_id = any(?)))";

    public void insert(Blockage b) {
        jdbc.update("insert into blockage (id, partnership_id, source, reason_code, service_id, organisation_id, need_codes, "
                + "raised_organisation_id, raised_at, status, version, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, b.id());
                    ps.setObject(2, b.partnershipId());
                    ps.setString(3, b.source().name());
                    ps.setString(4, b.reasonCode());
                    ps.setObject(5, b.serviceId());
                    ps.setObject(6, b.organisationId());
                    ps.setArray(7, ps.getConnection().createArrayOf("varchar", b.needCodes().toArray()));
                    ps.setObject(8, b.raisedOrganisationId());
                    Jdbc.setInstant(ps, 9, b.raisedAt());
                    ps.setString(10, b.status().name());
                    ps.setLong(11, b.version());
                    Jdbc.setInstant(ps, 12, b.updatedAt());
                });
    }

    public Optional<Blockage> find(UUID id, boolean forUpdate) {
        return jdbc.query("select * from blockage b where b.id = ?" + (forUpdate ? " for update" : ""), ps -> ps.setObject(1, id),
                BlockageRepository::map).stream().findFirst();
    }

    /** Records a review step; false if the item moved meanwhile (the caller holds its lock, so never). */
    public boolean update(Blockage b) {
        return jdbc.update("update blockage set status = ?, owner_user_id = ?, outcome = ?, version = ?, updated_at = ?, updated_by = ? "
                + "where id = ? and version = ?", ps -> {
                    ps.setString(1, b.status().name());
                    ps.setString(2, b.ownerUserId());
                    ps.setString(3, b.outcome() == null ? null : b.outcome().name());
                    ps.setLong(4, b.version());
                    Jdbc.setInstant(ps, 5, b.updatedAt());
                    ps.setString(6, b.updatedBy());
                    ps.setObject(7, b.id());
                    ps.setLong(8, b.version() - 1);
                }) == 1;
    }

    /** A partnership's items, newest first, optionally by status, source and service. */
    public List<Blockage> ofPartnership(UUID partnershipId, List<UUID> members, Blockage.Status status, Blockage.Source source,
            UUID serviceId, int offset, int limit) {
        StringBuilder sql = new StringBuilder("select * from blockage b where " + OF_PARTNERSHIP);
        List<Object> params = new ArrayList<>(List.of(partnershipId, members.toArray(new UUID[0])));
        if (status != null) {
            sql.append(" and b.status = ?");
            params.add(status.name());
        }
        if (source != null) {
            sql.append(" and b.source = ?");
            params.add(source.name());
        }
        if (serviceId != null) {
            sql.append(" and b.service_id = ?");
            params.add(serviceId);
        }
        sql.append(" order by b.raised_at desc, b.id limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.query(sql.toString(), ps -> bind(ps, params), BlockageRepository::map);
    }

    /** Items an organisation raised, newest first: their review reported back. */
    public List<Blockage> raisedBy(UUID organisationId, int limit) {
        return jdbc.query("select * from blockage b where b.raised_organisation_id = ? order by b.raised_at desc, b.id limit ?", ps -> {
            ps.setObject(1, organisationId);
            ps.setInt(2, limit);
        }, BlockageRepository::map);
    }

    /** The board: counts of a partnership's items raised in [from, to) by one dimension ({@code column} is ours, never input). */
    public Map<String, Long> countBy(String expression, UUID partnershipId, List<UUID> members, Instant from, Instant to) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.query("select " + expression + " as k, count(*) as n from blockage b where " + OF_PARTNERSHIP
                + " and b.raised_at >= ? and b.raised_at < ? group by 1 order by 2 desc, 1", ps -> {
                    ps.setObject(1, partnershipId);
                    ps.setArray(2, ps.getConnection().createArrayOf("uuid", members.toArray()));
                    Jdbc.setInstant(ps, 3, from);
                    Jdbc.setInstant(ps, 4, to);
                }, rs -> out.put(rs.getString("k") == null ? "NONE" : rs.getString("k"), rs.getLong("n")));
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof UUID[] ids) ps.setArray(i + 1, ps.getConnection().createArrayOf("uuid", ids));
            else ps.setObject(i + 1, p);
        }
    }

    private static Blockage map(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        List<String> needs = Arrays.stream((Object[]) rs.getArray("need_codes").getArray()).map(String::valueOf).toList();
        return new Blockage(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "partnership_id"), Blockage.Source.valueOf(rs.getString("source")),
                rs.getString("reason_code"), Jdbc.uuid(rs, "service_id"), Jdbc.uuid(rs, "organisation_id"), needs,
                Jdbc.uuid(rs, "raised_organisation_id"), Jdbc.instant(rs, "raised_at"), Blockage.Status.valueOf(rs.getString("status")),
                rs.getString("owner_user_id"), outcome == null ? null : Blockage.Outcome.valueOf(outcome), rs.getLong("version"),
                Jdbc.instant(rs, "updated_at"), rs.getString("updated_by"));
    }
}
