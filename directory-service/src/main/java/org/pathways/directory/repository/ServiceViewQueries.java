package org.pathways.directory.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.pathways.directory.domain.Nation;
import org.pathways.directory.domain.Spoc;
import org.pathways.directory.api.Routing;
import org.pathways.directory.api.ServiceView;

/**
 * The staff views of services and the caller's agreement partners, read with plain SQL on the request's own connection.
 * Search results are read-only, so loading them as managed entities (hydration, lazy element collections in batches,
 * a dirty check of every one at commit) cost more than the search itself: about two thirds of the CPU of a search in
 * the benchmark profile (ADR 0012, update of 2026-11-23). Three statements per page whatever its size: the services
 * with their organisation and child arrays, their locations, their schedules.
 */
@ApplicationScoped
public class ServiceViewQueries {

    @Inject
    EntityManager em;

    private static final String SERVICES = """
            select s.id, s.name, s.description, s.status, s.organisation_id, o.name, o.kind, o.statutory_role, s.connector,
                   array(select n.need_code from service_need n where n.service_id = s.id),
                   array(select g.language from service_language g where g.service_id = s.id),
                   array(select i.language from service_interpreting i where i.service_id = s.id),
                   array(select a.name from service_area a where a.service_id = s.id order by a.position),
                   s.gender, s.minimum_age, s.maximum_age, s.accepts_nrpf, s.accepts_partner_referrals,
                   s.accepts_professional_referrals, s.accepts_self_referrals, s.eligibility_description,
                   array(select e.code from service_eligibility e where e.service_id = s.id), s.minimum_needs,
                   s.capacity_status, s.capacity_wait_weeks, s.capacity_available, s.capacity_maximum, s.capacity_unit,
                   s.capacity_updated_at,
                   s.spoc_user_id, s.spoc_username, s.spoc_mailbox, o.spoc_user_id, o.spoc_username, o.spoc_mailbox,
                   s.response_working_days, s.remind_before_working_days, s.expire_after_working_days, s.nation,
                   s.url, s.email, s.phone, s.version, s.updated_at
            from service s join organisation o on o.id = s.organisation_id
            where s.id = any(?)
            """;

    private static final String LOCATIONS = """
            select sal.service_id, l.id, l.name, l.area, l.confidential, l.address_1, l.city, l.postcode
            from service_at_location sal join location l on l.id = sal.location_id
            where sal.service_id = any(?)
            order by l.name, l.id
            """;

    private static final String SCHEDULES = """
            select service_id, byday, opens_at, closes_at, description from service_schedule
            where service_id = any(?) order by service_id, position
            """;

    private static final String AGREEMENT_PARTNERS = """
            select distinct p2.organisation_id from data_sharing_party p1
            join data_sharing_agreement a on a.id = p1.agreement_id
            join data_sharing_party p2 on p2.agreement_id = a.id
            join partnership_member m1 on m1.partnership_id = a.partnership_id and m1.organisation_id = p1.organisation_id
            join partnership_member m2 on m2.partnership_id = a.partnership_id and m2.organisation_id = p2.organisation_id
            where p1.organisation_id = ? and a.starts_on <= ? and (a.ends_on is null or a.ends_on >= ?)
            """;

    /**
     * Views of the services with these ids, in the order of {@code ids} (unknown ids are left out). The caller must have
     * flushed any change it made in this transaction (the statements bypass Hibernate).
     *
     * @param requestedNeeds the expanded need codes of a search, to report which ones each service meets; null: none
     * @param agreementPartners organisations sharing a current agreement with the caller; null: not reported
     * @param staleAfter capacity not confirmed for this long is flagged stale
     */
    public List<ServiceView> views(List<UUID> ids, Collection<String> requestedNeeds, Set<UUID> agreementPartners,
            Duration staleAfter) {
        if (ids.isEmpty()) return List.of();
        return em.unwrap(Session.class).doReturningWork(c -> {
            Array idArray = c.createArrayOf("uuid", ids.toArray());
            Map<UUID, List<ServiceView.Place>> places = places(c, idArray);
            Map<UUID, List<ServiceView.Schedule>> schedules = schedules(c, idArray);
            OffsetDateTime staleBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(staleAfter);
            Map<UUID, ServiceView> byId = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SERVICES)) {
                ps.setArray(1, idArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ServiceView v = view(rs, places, schedules, requestedNeeds, agreementPartners, staleBefore);
                        byId.put(v.id(), v);
                    }
                }
            }
            List<ServiceView> out = new ArrayList<>(ids.size());
            for (UUID id : ids) {
                ServiceView v = byId.get(id);
                if (v != null) out.add(v);
            }
            return out;
        });
    }

    /** Organisations that share a current data sharing agreement with {@code org} (itself included when it is a party). */
    public Set<UUID> agreementPartners(UUID org) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Set<UUID> out = new HashSet<>();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            try (PreparedStatement ps = c.prepareStatement(AGREEMENT_PARTNERS)) {
                ps.setObject(1, org);
                ps.setObject(2, today);
                ps.setObject(3, today);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        });
    }

    private static ServiceView view(ResultSet rs, Map<UUID, List<ServiceView.Place>> places,
            Map<UUID, List<ServiceView.Schedule>> schedules, Collection<String> requestedNeeds, Set<UUID> agreementPartners,
            OffsetDateTime staleBefore) throws SQLException {
        int i = 1;
        UUID id = rs.getObject(i++, UUID.class);
        String name = rs.getString(i++);
        String description = rs.getString(i++);
        String status = rs.getString(i++);
        UUID orgId = rs.getObject(i++, UUID.class);
        String orgName = rs.getString(i++);
        String orgKind = rs.getString(i++);
        String statutoryRole = rs.getString(i++);
        boolean connector = rs.getBoolean(i++);
        // Codes sorted in Java, as before, so the order does not depend on the database collation.
        List<String> needs = sortedStrings(rs.getArray(i++));
        List<String> languages = sortedStrings(rs.getArray(i++));
        List<String> interpreting = sortedStrings(rs.getArray(i++));
        List<String> areas = List.of((String[]) rs.getArray(i++).getArray());
        ServiceView.Eligibility eligibility = new ServiceView.Eligibility(rs.getString(i++), integer(rs, i++), integer(rs, i++),
                rs.getBoolean(i++), rs.getBoolean(i++), rs.getBoolean(i++), rs.getBoolean(i++), rs.getString(i++),
                sortedStrings(rs.getArray(i++)), integer(rs, i++));
        String capacityStatus = rs.getString(i++);
        Integer waitWeeks = integer(rs, i++);
        Integer available = integer(rs, i++);
        Integer maximum = integer(rs, i++);
        String unit = rs.getString(i++);
        OffsetDateTime capacityUpdatedAt = rs.getObject(i++, OffsetDateTime.class);
        ServiceView.Capacity capacity = new ServiceView.Capacity(capacityStatus, waitWeeks, available, maximum, unit,
                capacityUpdatedAt, capacityUpdatedAt == null || capacityUpdatedAt.isBefore(staleBefore));
        Routing.SpocView spoc = spoc("SERVICE", rs.getObject(i++, UUID.class), rs.getString(i++), rs.getString(i++));
        Routing.SpocView orgSpoc = spoc("ORGANISATION", rs.getObject(i++, UUID.class), rs.getString(i++), rs.getString(i++));
        int workingDays = rs.getInt(i++);
        int remindBefore = rs.getInt(i++);
        int expireAfter = rs.getInt(i++);
        Nation nation = Nation.valueOf(rs.getString(i++));
        Routing.ResponseTarget target = new Routing.ResponseTarget(workingDays, remindBefore, expireAfter, nation.name(),
                nation.bankHolidayDivision());
        String url = rs.getString(i++);
        String email = rs.getString(i++);
        String phone = rs.getString(i++);
        long version = rs.getLong(i++);
        OffsetDateTime updatedAt = rs.getObject(i++, OffsetDateTime.class);
        List<String> matched = requestedNeeds == null ? null : needs.stream().filter(requestedNeeds::contains).toList();
        return new ServiceView(id, name, description, status, new ServiceView.Org(orgId, orgName, orgKind, statutoryRole), connector, needs, matched,
                languages, interpreting, areas, places.getOrDefault(id, List.of()), eligibility, capacity,
                spoc != null ? spoc : orgSpoc, target,
                agreementPartners == null ? null : agreementPartners.contains(orgId), url, email, phone,
                schedules.getOrDefault(id, List.of()), version, updatedAt);
    }

    private static Map<UUID, List<ServiceView.Place>> places(Connection c, Array ids) throws SQLException {
        Map<UUID, List<ServiceView.Place>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCATIONS)) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(place(
                            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                            rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    /** A location as partnership staff see it: a confidential one shows its area, never its name, address or postcode. */
    public static ServiceView.Place place(UUID id, String name, String area, boolean confidential, String address1, String city,
            String postcode) {
        if (confidential) return new ServiceView.Place(id, null, area, true, null, null);
        String address = address1 == null ? null : address1 + (city == null ? "" : ", " + city);
        return new ServiceView.Place(id, name, area, false, address, postcode);
    }

    private static Map<UUID, List<ServiceView.Schedule>> schedules(Connection c, Array ids) throws SQLException {
        Map<UUID, List<ServiceView.Schedule>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SCHEDULES)) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new ServiceView.Schedule(
                            rs.getString(2), rs.getObject(3, LocalTime.class).toString(),
                            rs.getObject(4, LocalTime.class).toString(), rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static Routing.SpocView spoc(String source, UUID userId, String username, String mailbox) {
        Spoc spoc = Spoc.of(userId, username, mailbox); // null when no part is given: no SPOC at this level
        return spoc == null ? null : Routing.SpocView.of(source, spoc);
    }

    private static List<String> sortedStrings(Array array) throws SQLException {
        String[] values = (String[]) array.getArray();
        Arrays.sort(values);
        return List.of(values);
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
