package org.pathways.directory.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.directory.domain.Gazetteer;

/**
 * "Who can help her with this need, here, now, in her language, and who do I send it to?" One SQL query filters and
 * ranks; the page's views are then read by id with plain SQL (DirectoryReads.views). Ranking: services with capacity first (HAS_CAPACITY, then
 * ASSESSMENT_REQUIRED, WAITLIST, NO_CAPACITY last), then the number of requested needs met, then — when a point was
 * given (postcode or lat/lon) — the distance to the service's nearest location (a confidential one counts at its area's
 * centre; services without a location come after those with one), then name (ADR 0014).
 */
@ApplicationScoped
public class DirectorySearch {

    public enum CapacityMode { RANK, HIDE }

    public enum ReferredBy { PARTNER, PROFESSIONAL, SELF }

    /**
     * A search; null fields do not filter. {@code needs} are validated codes; {@code eligibility}: validated eligibility
     * codes the service must all support (ADR 0063; {@code nrpf=true} is the code "nrpf").
     */
    public record Criteria(List<NeedCode> needs, boolean matchAll, String language, boolean interpreter, Integer age,
            boolean personIsWoman, Set<String> eligibility, String area, CapacityMode capacity, String text, ReferredBy referredBy,
            Set<UUID> onlyOrganisations, Near near, int page, int perPage) {
    }

    /** Where she is (from a postcode or coordinates): ranks by distance, filters nothing. */
    public record Near(double latitude, double longitude) {
    }

    /**
     * The page's service ids, best first (their views are read by id: DirectoryReads.views); {@code distancesKm}: the
     * page's public locations with coordinates, by id, from {@code near} (empty without one).
     */
    public record Page(List<UUID> serviceIds, long total, Set<String> expandedNeeds, Map<UUID, Double> distancesKm) {
    }

    @Inject
    EntityManager em;

    /** A need and its narrower terms: asking for legal-immigration finds services tagged nrpf too. */
    public static Set<String> expand(NeedCode need) {
        Set<String> out = new LinkedHashSet<>();
        out.add(need.code());
        need.children().forEach(c -> out.addAll(expand(c)));
        return out;
    }

    @Transactional
    public Page search(Criteria q) {
        // Filters read the service row's search arrays (GIN-indexed, kept in step with the child tables by triggers;
        // ADR 0012) instead of probing service_need / service_language / service_area per candidate row.
        StringBuilder where = new StringBuilder(" where s.status = 'active'");
        List<Object> params = new ArrayList<>();
        Set<String> allExpanded = new LinkedHashSet<>();
        if (q.needs() != null && !q.needs().isEmpty()) {
            List<Set<String>> groups = q.needs().stream().map(DirectorySearch::expand).toList();
            groups.forEach(allExpanded::addAll);
            if (q.matchAll()) {
                for (Set<String> g : groups) where.append(" and s.search_needs && ").append(array(params, g));
            } else {
                where.append(" and s.search_needs && ").append(array(params, allExpanded));
            }
        }
        if (q.language() != null) {
            String lang = array(params, List.of(q.language()));
            if (q.interpreter()) {
                where.append(" and s.search_interpreting @> ").append(lang);
            } else {
                where.append(" and (s.search_languages @> ").append(lang).append(" or s.search_interpreting @> ").append(lang)
                        .append(")");
            }
        } else if (q.interpreter()) {
            where.append(" and s.search_interpreting <> '{}'");
        }
        if (q.age() != null) {
            where.append(" and (s.minimum_age is null or s.minimum_age <= ").append(param(params, q.age()))
                    .append(") and (s.maximum_age is null or s.maximum_age >= ").append(param(params, q.age())).append(")");
        }
        if (!q.personIsWoman()) where.append(" and s.gender = 'ANY'");
        if (q.eligibility() != null && !q.eligibility().isEmpty()) {
            // Every fact asked for (she is NRPF and DDVC-eligible: the service must support both).
            where.append(" and s.search_eligibility @> ").append(array(params, List.copyOf(q.eligibility())));
        }
        if (q.area() != null) {
            List<String> covering = Gazetteer.withAncestors(q.area()).stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
            where.append(" and s.search_areas && ").append(array(params, covering));
        }
        if (q.capacity() == CapacityMode.HIDE) where.append(" and s.capacity_status <> 'NO_CAPACITY'");
        if (q.referredBy() != null) {
            where.append(switch (q.referredBy()) {
                case PARTNER -> " and s.accepts_partner_referrals";
                case PROFESSIONAL -> " and s.accepts_professional_referrals";
                case SELF -> " and s.accepts_self_referrals";
            });
        }
        if (q.text() != null) where.append(textFilter(params, q.text()));
        if (q.onlyOrganisations() != null) {
            if (q.onlyOrganisations().isEmpty()) return new Page(List.of(), 0, allExpanded, Map.of());
            where.append(" and s.organisation_id in (").append(placeholders(params, q.onlyOrganisations())).append(")");
        }

        // The filters' parameters come first, so the count past the last page binds exactly those.
        List<Object> whereParams = List.copyOf(params);
        // Needs met only ranks when more than one code was asked for (with one, every match meets exactly one). It is
        // computed from the row's own array, in memory, not by a per-row subquery on service_need.
        String needsMet = allExpanded.size() < 2 ? ""
                : "(select count(*) from unnest(s.search_needs) c where c = any(" + array(params, allExpanded) + ")) desc, ";
        String from = " from service s";
        String nearest = "";
        if (q.near() != null) {
            from += nearestLocation(params, q.near());
            nearest = "d.km nulls last, ";
        }
        String order = " order by case s.capacity_status when 'HAS_CAPACITY' then 0 when 'ASSESSMENT_REQUIRED' then 1"
                + " when 'WAITLIST' then 2 else 3 end, " + needsMet + nearest + "s.name, s.id";
        // One statement: the exact total comes with the page (the matching rows are sorted anyway to rank them).
        List<Object> pageParams = new ArrayList<>(params);
        String limit = " limit " + param(pageParams, q.perPage()) + " offset " + param(pageParams, (q.page() - 1) * q.perPage());
        List<Object[]> rows = query("select s.id, count(*) over ()" + from + where + order + limit, pageParams);
        if (rows.isEmpty()) {
            // Past the last page (or nothing matched): the window count came with no row, so count on its own.
            long total = q.page() == 1 ? 0
                    : ((Number) query("select count(*) from service s" + where, whereParams).get(0)[0]).longValue();
            return new Page(List.of(), total, allExpanded, Map.of());
        }
        long total = ((Number) rows.get(0)[1]).longValue();
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        return new Page(ids, total, allExpanded,
                q.near() == null ? Map.of() : publicDistances(ids, q.near()));
    }

    /**
     * {@code left join lateral (...) d}: {@code d.km}, the distance from {@code near} to the service's nearest location,
     * null without one. A public location counts at its own coordinates (haversine, as {@link FeedSearch} and
     * {@link Gazetteer#distanceKm}); a confidential one only at its area's centre — the distances from {@code near} to
     * every gazetteer centre are passed in, so its own coordinates are never read.
     */
    @SuppressWarnings("unchecked")
    private String nearestLocation(List<Object> params, Near near) {
        List<String> names = new ArrayList<>();
        List<Double> kms = new ArrayList<>();
        // Only the areas confidential locations name: the gazetteer holds thousands of places (ADR 0016).
        Set<String> used = new java.util.HashSet<>(em.createNativeQuery(
                "select distinct lower(area) from location where confidential").getResultList());
        for (Gazetteer.Area a : Gazetteer.areas()) {
            if (!used.contains(a.name().toLowerCase(Locale.ROOT))) continue;
            names.add(a.name().toLowerCase(Locale.ROOT));
            kms.add(Gazetteer.distanceKm(near.latitude(), near.longitude(), a.latitude(), a.longitude()));
        }
        String lat = param(params, near.latitude());
        String lon = param(params, near.longitude());
        return " left join lateral (select min(case when pl.confidential then g.km else 6371.0 * 2 * asin(least(1, sqrt("
                + "power(sin(radians(pl.latitude - " + lat + ") / 2), 2) + cos(radians(" + lat + ")) * cos(radians(pl.latitude))"
                + " * power(sin(radians(pl.longitude - " + lon + ") / 2), 2)))) end) as km"
                + " from service_at_location sl join location pl on pl.id = sl.location_id"
                + " left join unnest(" + array(params, names) + ", array[" + placeholders(params, kms)
                + "]::double precision[]) g(area, km) on pl.confidential and g.area = lower(pl.area)"
                + " where sl.service_id = s.id) d on true";
    }

    /** The distance to each public location with coordinates of the page's services (what staff may be shown). */
    @SuppressWarnings("unchecked")
    private Map<UUID, Double> publicDistances(List<UUID> serviceIds, Near near) {
        List<Object[]> rows = em.createNativeQuery("select distinct l.id, l.latitude, l.longitude from service_at_location sl"
                + " join location l on l.id = sl.location_id where sl.service_id in (:ids) and not l.confidential"
                + " and l.latitude is not null and l.longitude is not null").setParameter("ids", serviceIds).getResultList();
        Map<UUID, Double> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put((UUID) r[0], Gazetteer.distanceKm(near.latitude(), near.longitude(), ((Number) r[1]).doubleValue(),
                    ((Number) r[2]).doubleValue()));
        }
        return out;
    }

    /**
     * Runs a statement written with JPA-style {@code ?N} placeholders as plain JDBC on the request's connection: the
     * search runs on every keystroke of a caseworker's search box, and Hibernate's native-query handling cost more CPU
     * than the statement itself (ADR 0012). A placeholder may appear more than once.
     */
    private List<Object[]> query(String sql, List<Object> params) {
        List<Object> ordered = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder jdbcSql = new StringBuilder();
        while (m.find()) {
            ordered.add(params.get(Integer.parseInt(m.group(1)) - 1));
            m.appendReplacement(jdbcSql, "?");
        }
        m.appendTail(jdbcSql);
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(jdbcSql.toString())) {
                for (int i = 0; i < ordered.size(); i++) ps.setObject(i + 1, ordered.get(i));
                List<Object[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) row[i] = rs.getObject(i + 1);
                        out.add(row);
                    }
                }
                return out;
            }
        });
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\?(\\d+)");

    /** Every word somewhere in name, description or organisation name; a trigram index serves {@code like '%word%'}. */
    public static String textFilter(List<Object> params, String text) {
        return textFilter(params, text, "s.search_text");
    }

    /** Every word of {@code text} appears in the (lower-case) {@code column} expression. */
    public static String textFilter(List<Object> params, String text, String column) {
        StringBuilder where = new StringBuilder();
        for (String word : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (word.isBlank()) continue;
            where.append(" and ").append(column).append(" like ").append(param(params, "%" + escapeLike(word) + "%"))
                    .append(" escape '\\'");
        }
        return where.toString();
    }

    /** {@code array[?, ?]::text[]}: one placeholder per element, so no driver-specific array binding is needed. */
    public static String array(List<Object> params, java.util.Collection<String> values) {
        return "array[" + placeholders(params, values) + "]::text[]";
    }

    public static String param(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }

    public static String placeholders(List<Object> params, java.util.Collection<?> values) {
        return values.stream().map(v -> param(params, v)).collect(Collectors.joining(", "));
    }

    public static jakarta.persistence.Query bind(jakarta.persistence.Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) query.setParameter(i + 1, params.get(i));
        return query;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
