package org.pathways.dashboard.view;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
            boolean openable) {
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
        List<Group> out = new ArrayList<>();
        for (String state : IN_FLIGHT) {
            List<Row> rows = new ArrayList<>();
            for (Map<String, Object> i : items) {
                if (state.equals(String.valueOf(i.get("state")))) rows.add(row(i, names, services, ownOrg, now, stalledAfter));
            }
            // Stable: the API's order (soonest due first) is kept within overdue, stalled and the rest.
            rows.sort(Comparator.comparing(r -> r.overdue() ? 0 : r.stalled() ? 1 : 2));
            out.add(new Group(state, Labels.state(state), Labels.stateTag(state), rows.size(),
                    rows.stream().filter(Row::overdue).count(), rows.stream().filter(Row::stalled).count(), rows));
        }
        return out;
    }

    static Row row(Map<String, Object> i, Function<String, String> names, Function<String, String> services, String ownOrg, Instant now,
            Duration stalledAfter) {
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
                ownOrg != null && (ownOrg.equals(from) || ownOrg.equals(to)));
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
