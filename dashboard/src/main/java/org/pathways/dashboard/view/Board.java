package org.pathways.dashboard.view;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.quarkus.qute.TemplateData;

/**
 * The Partnership Connector's board: referrals in flight across her partnerships (the connector API's metadata: ids,
 * organisations, services, needs codes, states, dates; never her), one group per state in the lifecycle's order, each
 * group with what needs her first: overdue (past the response target: escalated), then stalled (no move for
 * {@code stalledAfter}), then the API's order (soonest due). Pure: unit-tested in {@code BoardTest}.
 */
public final class Board {

    /** The states a referral is "in flight" in, in the lifecycle's order. */
    public static final List<String> IN_FLIGHT = List.of("SENT", "ACCEPTED", "ON_HOLD", "IN_PROGRESS");

    @TemplateData
    public record Row(String id, String shortId, String from, String to, String service, String needs, String urgency, boolean urgent,
            String sent, String due, String daysLeft, boolean overdue, boolean stalled, String idle, boolean child, boolean reroute,
            boolean openable, boolean splittable) {
    }

    /** The states a referral is taken up in: the Connector may split one to her Connector service then (ADR 0093). */
    public static final Set<String> TAKEN_UP = Set.of("ACCEPTED", "ON_HOLD", "IN_PROGRESS");

    /** The states a referral ended in without being taken up: the referrer may find her another service. */
    public static final List<String> NOT_TAKEN_UP = List.of("DECLINED", "EXPIRED");

    /** A referral her organisation sent that was declined or expired and nothing replaces yet: "find her another service". */
    @TemplateData
    public record Declined(String id, String shortId, String to, String service, String needs, String state, String stateLabel,
            String tag, String ended, boolean child, boolean reroute) {
    }

    @TemplateData
    public record Group(String state, String label, String tag, int count, long overdue, long stalled, List<Row> rows) {
    }

    private Board() {
    }

    /**
     * @param names       organisation id → name; {@code services}: service id → name
     * @param ownOrg      the connector's organisation: its referrals (sent or received) open on the Referral page
     */
    public static List<Group> groups(List<Map<String, Object>> items, Function<String, String> names, Function<String, String> services,
            String ownOrg, Instant now, Duration stalledAfter) {
        return groups(items, names, services, id -> false, ownOrg, now, stalledAfter);
    }

    /**
     * @param connectorService whether a service id is a Partnership Connector service: a referral to one that her own
     *                         organisation received and took up may be split by need ({@link Row#splittable()})
     */
    public static List<Group> groups(List<Map<String, Object>> items, Function<String, String> names, Function<String, String> services,
            Predicate<String> connectorService, String ownOrg, Instant now, Duration stalledAfter) {
        List<Group> out = new ArrayList<>();
        for (String state : IN_FLIGHT) {
            List<Row> rows = new ArrayList<>();
            for (Map<String, Object> i : items) {
                if (state.equals(String.valueOf(i.get("state")))) rows.add(row(i, names, services, connectorService, ownOrg, now, stalledAfter));
            }
            // Stable: the API's order (soonest due first) is kept within overdue, stalled and the rest.
            rows.sort(Comparator.comparing(r -> r.overdue() ? 0 : r.stalled() ? 1 : 2));
            out.add(new Group(state, Labels.state(state), Labels.stateTag(state), rows.size(),
                    rows.stream().filter(Row::overdue).count(), rows.stream().filter(Row::stalled).count(), rows));
        }
        return out;
    }

    static Row row(Map<String, Object> i, Function<String, String> names, Function<String, String> services,
            Predicate<String> connectorService, String ownOrg, Instant now, Duration stalledAfter) {
        QueueRow q = QueueRow.of(i, (String) i.get("toOrganisationId"), names, now);
        String from = (String) i.get("fromOrganisationId");
        String to = (String) i.get("toOrganisationId");
        Instant updated = instant(i.get("updatedAt"));
        if (updated == null) updated = instant(i.get("sentAt"));
        boolean stalled = !q.overdue() && updated != null && Duration.between(updated, now).compareTo(stalledAfter) >= 0;
        String idle = updated == null ? "" : idle(Duration.between(updated, now));
        Instant sent = instant(i.get("sentAt"));
        return new Row(q.id(), q.shortId(), names.apply(from), names.apply(to), services.apply((String) i.get("toServiceId")), q.needs(),
                q.urgency(), q.urgent(), sent == null ? "" : QueueRow.date(sent), q.due(), q.daysLeft(), q.overdue(), stalled, idle,
                i.get("parentReferralId") != null, i.get("replacesReferralId") != null,
                ownOrg != null && (ownOrg.equals(from) || ownOrg.equals(to)),
                splittable(String.valueOf(i.get("state")), ownOrg != null && ownOrg.equals(to), (String) i.get("toServiceId"), connectorService));
    }

    /** A referral her organisation received to a Connector service and took up: hers to split by need. */
    public static boolean splittable(String state, boolean received, String serviceId, Predicate<String> connectorService) {
        return received && TAKEN_UP.contains(state) && serviceId != null && connectorService.test(serviceId);
    }

    /**
     * Her organisation's declined or expired referrals that nothing replaces yet (the API's {@code replaced=false}),
     * those it sent only (a re-route is the referrer's), most recently ended first; a row replaced by another of the
     * same list's referrals (a re-route that was declined in turn) is left out as well.
     */
    public static List<Declined> declined(List<Map<String, Object>> items, Function<String, String> names, Function<String, String> services,
            String ownOrg) {
        Set<Object> replaced = new java.util.HashSet<>();
        for (Map<String, Object> i : items) if (i.get("replacesReferralId") != null) replaced.add(i.get("replacesReferralId"));
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> i : items) {
            if (ownOrg == null || !ownOrg.equals(i.get("fromOrganisationId"))) continue;
            if (!NOT_TAKEN_UP.contains(String.valueOf(i.get("state"))) || replaced.contains(i.get("id"))) continue;
            mine.add(i);
        }
        mine.sort(Comparator.comparing((Map<String, Object> i) -> {
            Instant at = instant(i.get("updatedAt"));
            return at == null ? Instant.EPOCH : at;
        }).reversed());
        List<Declined> out = new ArrayList<>();
        for (Map<String, Object> i : mine) {
            String id = String.valueOf(i.get("id"));
            String state = String.valueOf(i.get("state"));
            Instant ended = instant(i.get("updatedAt"));
            List<?> needs = i.get("needs") instanceof List<?> l ? l : List.of();
            out.add(new Declined(id, id.substring(0, Math.min(8, id.length())), names.apply((String) i.get("toOrganisationId")),
                    services.apply((String) i.get("toServiceId")), String.join(", ", needs.stream().map(String::valueOf).map(Labels::need).toList()),
                    state, Labels.state(state), Labels.stateTag(state), ended == null ? "" : QueueRow.date(ended),
                    i.get("parentReferralId") != null, i.get("replacesReferralId") != null));
        }
        return out;
    }

    /** "No move for 3 days" (whole days; under a day: "Moved today"). */
    static String idle(Duration d) {
        long days = d.toHours() / 24;
        return days <= 0 ? "Moved today" : days == 1 ? "No move for 1 day" : "No move for " + days + " days";
    }

    private static Instant instant(Object o) {
        if (!(o instanceof String s) || s.isBlank()) return null;
        return OffsetDateTime.parse(s).toInstant();
    }
}
