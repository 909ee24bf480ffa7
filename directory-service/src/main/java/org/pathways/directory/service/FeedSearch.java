package org.pathways.directory.service;

import static org.pathways.directory.service.DirectorySearch.array;
import static org.pathways.directory.service.DirectorySearch.bind;
import static org.pathways.directory.service.DirectorySearch.param;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.pathways.directory.domain.Gazetteer;

/**
 * The open feed's {@code /services}, {@code /service_at_locations} and {@code /organizations} filters, ordering and
 * paging, all in SQL (ADR 0012):
 * only the page's rows leave the database. Ordering is by name, or — for a postcode search — by the distance to the
 * nearest <em>public</em> location (confidential locations take no part, so the order reveals nothing about them).
 */
@ApplicationScoped
public class FeedSearch {

    /** Validated open-feed filters; null fields do not filter. */
    public record Criteria(Set<String> needs, UUID organisation, OffsetDateTime modifiedAfter, Integer minimumAge,
            Integer maximumAge, String text, String byday, LocalTime start, LocalTime end, Near near) {
    }

    /** A postcode search: the point, the radius, and the point's area (services whose areas cover it match too). */
    public record Near(double latitude, double longitude, double radiusKm, String area) {
    }

    /** A page of ids in order, with the total number of matches. */
    public record Page(List<UUID> ids, long total) {
    }

    @Inject
    EntityManager em;

    public Page services(Criteria c, int page, int size) {
        if (c.near() == null) {
            // By name: the count and a page that walks the (name, id) index and stops after the page.
            List<Object> params = new ArrayList<>();
            String sql = filtered(c, params);
            long total = count("select count(*) from (" + sql + ") f", params);
            if (total == 0) return new Page(List.of(), 0);
            return new Page(ids("select f.id from (" + sql + ") f order by f.name, f.id", params, page, size), total);
        }
        List<Object> params = new ArrayList<>();
        return windowed("select f.id, count(*) over () from (" + filtered(c, params) + ") f order by f.dist nulls last, f.name, f.id",
                "select count(*) from (" + filtered(c, new ArrayList<>()) + ") f", c, params, page, size);
    }

    /** Service-at-location links of the matching services, in the services' order, then by link id. */
    public Page serviceAtLocations(Criteria c, int page, int size) {
        List<Object> params = new ArrayList<>();
        return windowed("select l.id, count(*) over () from service_at_location l join (" + filtered(c, params)
                + ") f on f.id = l.service_id order by f.dist nulls last, f.name, f.id, l.id",
                "select count(*) from service_at_location l join (" + filtered(c, new ArrayList<>()) + ") f on f.id = l.service_id",
                c, params, page, size);
    }

    /**
     * The open feed's organisations: every word of {@code text} (null: no filter) in name or description, by name, one
     * page. The count runs on its own; the page walks the (name, id) index and stops after the page.
     */
    public Page organisations(String text, int page, int size) {
        List<Object> params = new ArrayList<>();
        // The expression matches the trigram index of V4 exactly, so the index serves it.
        String where = " where true" + (text == null ? "" : DirectorySearch.textFilter(params, text, "lower(o.name || ' ' || o.description)"));
        long total = count("select count(*) from organisation o" + where, params);
        if (total == 0) return new Page(List.of(), 0);
        return new Page(ids("select o.id from organisation o" + where + " order by o.name, o.id", params, page, size), total);
    }

    private long count(String sql, List<Object> params) {
        return ((Number) bind(em.createNativeQuery(sql), params).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<UUID> ids(String sql, List<Object> params, int page, int size) {
        return bind(em.createNativeQuery(sql), params).setFirstResult((page - 1) * size).setMaxResults(size).getResultList();
    }

    /** One statement: the page with the total alongside (all matches are sorted by distance anyway). */
    private Page windowed(String sql, String countSql, Criteria c, List<Object> params, int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(sql), params).setFirstResult((page - 1) * size).setMaxResults(size)
                .getResultList();
        if (rows.isEmpty()) {
            if (page == 1) return new Page(List.of(), 0);
            List<Object> countParams = new ArrayList<>();
            filtered(c, countParams); // past the last page: the same parameters, for the count alone
            return new Page(List.of(), count(countSql, countParams));
        }
        return new Page(rows.stream().map(r -> (UUID) r[0]).toList(), ((Number) rows.get(0)[1]).longValue());
    }

    /** {@code select s.id, s.name, dist from service s where ...}; dist is null unless a postcode was given. */
    private static String filtered(Criteria c, List<Object> params) {
        StringBuilder sql = new StringBuilder("select s.id, s.name, ");
        Near near = c.near();
        if (near == null) {
            sql.append("cast(null as double precision) as dist from service s");
        } else {
            String lat = param(params, near.latitude());
            String lon = param(params, near.longitude());
            // Haversine, as Gazetteer.distanceKm; public locations with coordinates only.
            sql.append("d.km as dist from service s left join lateral (select min(6371.0 * 2 * asin(least(1, sqrt(")
                    .append("power(sin(radians(pl.latitude - ").append(lat).append(") / 2), 2) + cos(radians(").append(lat)
                    .append(")) * cos(radians(pl.latitude)) * power(sin(radians(pl.longitude - ").append(lon)
                    .append(") / 2), 2))))) as km from service_at_location sl join location pl on pl.id = sl.location_id")
                    .append(" where sl.service_id = s.id and not pl.confidential and pl.latitude is not null) d on true");
        }
        sql.append(" where s.status = 'active'");
        if (c.needs() != null) sql.append(" and s.search_needs && ").append(array(params, c.needs()));
        if (c.organisation() != null) sql.append(" and s.organisation_id = ").append(param(params, c.organisation()));
        if (c.modifiedAfter() != null) sql.append(" and s.updated_at > ").append(param(params, c.modifiedAfter()));
        if (c.minimumAge() != null) sql.append(" and (s.maximum_age is null or s.maximum_age >= ").append(param(params, c.minimumAge())).append(")");
        if (c.maximumAge() != null) sql.append(" and (s.minimum_age is null or s.minimum_age <= ").append(param(params, c.maximumAge())).append(")");
        if (c.text() != null) sql.append(DirectorySearch.textFilter(params, c.text()));
        if (c.byday() != null || c.start() != null || c.end() != null) {
            sql.append(" and exists (select 1 from service_schedule e where e.service_id = s.id");
            if (c.byday() != null) sql.append(" and ").append(param(params, c.byday())).append(" = any(string_to_array(e.byday, ','))");
            if (c.start() != null) sql.append(" and e.opens_at <= ").append(param(params, c.start()));
            if (c.end() != null) sql.append(" and e.closes_at >= ").append(param(params, c.end()));
            sql.append(")");
        }
        if (near != null) {
            sql.append(" and (d.km <= ").append(param(params, near.radiusKm()));
            if (near.area() != null) {
                List<String> covering = Gazetteer.withAncestors(near.area()).stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
                sql.append(" or s.search_areas && ").append(array(params, covering));
            }
            sql.append(")");
        }
        return sql.toString();
    }
}
