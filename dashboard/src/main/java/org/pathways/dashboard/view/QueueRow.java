package org.pathways.dashboard.view;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.qute.TemplateData;

/**
 * One line of a work queue, from the queue API's metadata (ids, codes, dates; nothing about her). Pure: unit-tested in
 * {@code QueueRowTest}.
 */
@TemplateData
public record QueueRow(String id, String shortId, String otherOrganisation, String needs, String state, String stateLabel,
        String stateTag, String urgency, boolean urgent, boolean isNew, String due, boolean overdue, String daysLeft,
        boolean assigned, long version, String kind) {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /**
     * The SPOC's view: new referrals (SENT, not yet answered) first, each group in the API's order (soonest due first).
     */
    public static List<QueueRow> incoming(List<Map<String, Object>> items, Function<String, String> orgName, Instant now) {
        List<QueueRow> rows = new ArrayList<>(items.stream().map(i -> of(i, (String) i.get("fromOrganisationId"), orgName, now)).toList());
        rows.sort(Comparator.comparing(r -> r.isNew() ? 0 : 1)); // stable: keeps the API's order within each group
        return rows;
    }

    public static List<QueueRow> outgoing(List<Map<String, Object>> items, Function<String, String> orgName, Instant now) {
        return items.stream().map(i -> of(i, (String) i.get("toOrganisationId"), orgName, now)).toList();
    }

    static QueueRow of(Map<String, Object> i, String otherOrg, Function<String, String> orgName, Instant now) {
        String id = String.valueOf(i.get("id"));
        String state = String.valueOf(i.get("state"));
        String urgency = i.get("urgency") == null ? "ROUTINE" : String.valueOf(i.get("urgency"));
        Object needs = i.get("needs");
        String needList = needs instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).map(Labels::need).toList()) : "";
        String dueAt = (String) i.get("dueAt");
        boolean overdue = Boolean.TRUE.equals(i.get("overdue"));
        String due = "";
        String left = "";
        if (dueAt != null && !dueAt.isBlank()) {
            OffsetDateTime d = OffsetDateTime.parse(dueAt);
            due = DUE.format(d.atZoneSameInstant(LONDON));
            left = daysLeft(now, d.toInstant());
        }
        Object version = i.get("version");
        // Her own request (ADR 0089): no referrer organisation; the queue names it with the reference she was given.
        String other = "SELF".equals(i.get("origin"))
                ? "Self-referral" + (i.get("selfReference") == null ? "" : " " + i.get("selfReference")) : orgName.apply(otherOrg);
        // A statutory referral says its kind (ADR 0091): "Coventry MARAC coordinator (MARAC referral)".
        String kind = i.get("kind") == null ? null : String.valueOf(i.get("kind"));
        if (Statutory.kindLabel(kind) != null) other = other + " (" + Statutory.kindLabel(kind) + ")";
        return new QueueRow(id, id.length() > 8 ? id.substring(0, 8) : id, other, needList, state,
                Labels.state(state), Labels.stateTag(state), Labels.code(urgency), !"ROUTINE".equals(urgency),
                "SENT".equals(state), due, overdue, left, i.get("assignedTo") != null,
                version instanceof Number n ? n.longValue() : 0, kind);
    }

    /** A date as the pages write it (London): "7 December 2026". */
    static String date(Instant at) {
        return DUE.format(at.atZone(LONDON));
    }

    /** "Due today", "1 day left", "3 days left" (calendar days to the target; the target itself counts working days). */
    static String daysLeft(Instant now, Instant due) {
        if (!due.isAfter(now)) return "Due now";
        long days = Duration.between(now, due).toHours() / 24;
        if (days == 0) return "Due today";
        return days == 1 ? "1 day left" : days + " days left";
    }
}
