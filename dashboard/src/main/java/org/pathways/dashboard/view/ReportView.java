package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.qute.TemplateData;

/**
 * A partnership report of referral-service (docs/reports.md) as the Reports screen shows it: every published table a
 * GOV.UK table with plain labels (organisations and services by name, codes in words), and every entry exactly as
 * the API published it — a count, {@code <5} (fewer than five) or {@code *} (hidden so that a {@code <5} cannot be worked
 * out), {@code x} for a hidden sum of money. Nothing is recomputed here: the dashboard adds no figure the API did not
 * publish, so its suppression is the API's. Pure: unit-tested in {@code ReportViewTest}.
 */
public final class ReportView {

    /** One table: caption, what its rows are, column headings, rows of entries, the totals row (empty if none). */
    @TemplateData
    public record Table(String key, String caption, String rowHeading, List<String> columns, List<Row> rows, boolean hasRowTotals,
            List<String> totals, String note) {
        public boolean empty() {
            return rows.isEmpty();
        }

        /** Whether the screen draws this table as a bar chart beside it (counts per organisation, reason, need, service). */
        public boolean charted() {
            return !rows.isEmpty() && CHARTED.contains(key);
        }

        /** Whether any entry is a count to draw (a table of only {@code <5} and {@code *} draws no bar). */
        public boolean drawable() {
            return rows.stream().anyMatch(r -> r.entries().stream().anyMatch(e -> count(e) != null));
        }

        /**
         * The chart's data, the table's own entries and nothing else: one bar group per row, one bar per column. An entry
         * that is not a count ({@code <5}, {@code *}) is null — not drawn — and kept as published for the tooltip.
         */
        public String chartJson() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("labels", rows.stream().map(Row::label).toList());
            List<Map<String, Object>> series = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                int col = c;
                Map<String, Object> set = new LinkedHashMap<>();
                set.put("label", columns.get(c));
                set.put("data", rows.stream().map(r -> col < r.entries().size() ? count(r.entries().get(col)) : null).toList());
                set.put("published", rows.stream().map(r -> col < r.entries().size() ? r.entries().get(col) : "").toList());
                series.add(set);
            }
            data.put("datasets", series);
            try {
                return JSON.writeValueAsString(data);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("chart data", e);
            }
        }

        public boolean hasTotals() {
            return !totals.isEmpty();
        }
    }

    @TemplateData
    public record Row(String label, List<String> entries, String total) {
    }

    /** A single figure (people counted once, engagements, people turned away). */
    @TemplateData
    public record Figure(String key, String label, String value) {
    }

    /**
     * Tables drawn as bar charts: counts of one kind per organisation, reason, need or service. The pathway matrix (a
     * grid of pairs) and sums of money are tables only.
     */
    static final java.util.Set<String> CHARTED = java.util.Set.of("funnel", "engagements", "declineReasons",
            "nonCompletionReasons", "noServiceFound", "turnedAwayByService", "waitingListByService", "repeatContactsByOrganisation");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A published entry as a number to draw, or null for one that is not a count ({@code <5}, {@code *}, {@code x}). */
    static Long count(String entry) {
        return entry != null && entry.matches("\\d{1,15}") ? Long.valueOf(entry) : null;
    }

    /** The known tables, in the order the screen shows them; a table the API adds later is shown after them. */
    private static final Map<String, String[]> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("funnel", new String[] {"The effective-referral funnel: referrals sent in the period, by receiving organisation",
                "Receiving organisation", "Each column is a stage of the same referrals, so rows have no total."});
        TABLES.put("pathwayMatrix", new String[] {"Who refers to whom: referrals sent in the period", "From (rows) / to (columns)",
                "The diagonal counts referrals between two services of one organisation."});
        TABLES.put("engagements", new String[] {"Engagements: new engagements per organisation", "Organisation", null});
        TABLES.put("declineReasons", new String[] {"Declines by reason", "Receiving organisation", null});
        TABLES.put("nonCompletionReasons", new String[] {"Not completed, by reason", "Receiving organisation", null});
        TABLES.put("noServiceFound", new String[] {"Unmet needs: needs no service could meet", "Need", null});
        TABLES.put("turnedAwayByService", new String[] {"Turned away, by service and reason", "Service",
                "Contacts turned away, not people: nothing of hers is recorded."});
        TABLES.put("waitingListByService", new String[] {"Waiting lists: referrals that joined a service's waiting list, and those "
                + "supported meanwhile", "Receiving service", "Held informally: her organisation began to support her while she waited."});
        TABLES.put("repeatContactsByOrganisation", new String[] {"Repeat contacts, by organisation and how she came back",
                "Organisation", "Contacts, not people: one woman may come back more than once."});
        TABLES.put("referralsBySource", new String[] {"How referrals came in: referrals sent in the period, by receiving organisation "
                + "and source", "Receiving organisation", "Her own request: she asked for help herself. Within the organisation: from "
                + "another of its services. From a partner: from another organisation."});
        TABLES.put("riskBySource", new String[] {"Her risk level, by how the referral came in", "Risk level (her latest)",
                "Referrals, not people. Not recorded: no risk level in her summary."});
        TABLES.put("costLinesByService", new String[] {"Cost lines recorded, by service and category", "Service", null});
        TABLES.put("costsByServicePounds", new String[] {"Costs in pounds, by service and category", "Service",
                "A sum is shown only where the number of cost lines behind it is shown; otherwise x."});
    }

    private ReportView() {
    }

    /** The report's single figures, in words. */
    public static List<Figure> figures(Map<String, Object> report) {
        List<Figure> out = new ArrayList<>();
        Map<String, Object> people = map(report.get("people"));
        add(out, people, "unduplicated", "People (each counted once across the partnership)");
        add(out, people, "engagements", "Engagements (new, per organisation)");
        add(out, people, "turnedAway", "People turned away (no service took her up)");
        add(out, people, "withRepeatContacts", "People who came back (a repeat contact recorded; each counted once)");
        for (Map.Entry<String, Object> e : people.entrySet()) {
            if (out.stream().noneMatch(f -> f.key().equals(e.getKey()))) out.add(new Figure(e.getKey(), Labels.code(camel(e.getKey())), str(e.getValue())));
        }
        return out;
    }

    /**
     * The report's tables with labels: {@code organisation} names an organisation id (the report's own member list
     * first), {@code service} a service id; other labels are codes (needs in the taxonomy's words).
     */
    public static List<Table> tables(Map<String, Object> report, Function<String, String> service) {
        Map<String, String> orgNames = new LinkedHashMap<>();
        for (Object o : list(report.get("organisations"))) {
            Map<String, Object> m = map(o);
            orgNames.put(str(m.get("organisationId")), str(m.get("name")));
        }
        Map<String, Object> tables = map(report.get("tables"));
        List<String> keys = new ArrayList<>();
        TABLES.keySet().stream().filter(tables::containsKey).forEach(keys::add);
        tables.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        List<Table> out = new ArrayList<>();
        for (String key : keys) {
            Map<String, Object> t = map(tables.get(key));
            String[] known = TABLES.getOrDefault(key, new String[] {Labels.code(camel(key)), "", null});
            Function<String, String> rowLabel = label -> label(label, key, true, orgNames, service);
            Function<String, String> colLabel = label -> label(label, key, false, orgNames, service);
            List<String> columns = strings(t.get("columnLabels")).stream().map(colLabel).toList();
            List<String> rowLabels = strings(t.get("rowLabels"));
            List<Object> cells = list(t.get("cells"));
            List<String> rowTotals = strings(t.get("rowTotals"));
            List<Row> rows = new ArrayList<>();
            for (int r = 0; r < rowLabels.size(); r++) {
                List<String> entries = r < cells.size() ? strings(cells.get(r)) : List.of();
                rows.add(new Row(rowLabel.apply(rowLabels.get(r)), entries, r < rowTotals.size() ? rowTotals.get(r) : ""));
            }
            List<String> totals = new ArrayList<>(strings(t.get("columnTotals")));
            boolean hasRowTotals = !rowTotals.isEmpty();
            if (!totals.isEmpty() && hasRowTotals) totals.add(str(t.get("total")));
            out.add(new Table(key, known[0], known[1], columns, rows, hasRowTotals, totals, known[2]));
        }
        return out;
    }

    /** Times from sending to the first answer, and from acceptance to first contact, per service (medians only behind 5+). */
    public static Table times(Map<String, Object> report, String key, String caption, Function<String, String> service) {
        List<Row> rows = new ArrayList<>();
        for (Object o : list(report.get(key))) {
            Map<String, Object> m = map(o);
            rows.add(new Row(service.apply(str(m.get("serviceId"))), List.of(str(m.get("referrals")), hours(m.get("median")),
                    hours(m.get("p90"))), ""));
        }
        return new Table(key, caption, "Receiving service", List.of("Referrals", "Median (hours)", "90th percentile (hours)"), rows,
                false, List.of(), "Times are shown only where at least five referrals are behind them.");
    }

    /** Time from sending to the first answer per referral source (ADR 0096 of referral-service). */
    public static Table sourceTimes(Map<String, Object> report) {
        List<Row> rows = new ArrayList<>();
        for (Object o : list(report.get("timeToAnswerHoursBySource"))) {
            Map<String, Object> m = map(o);
            rows.add(new Row(source(str(m.get("source"))), List.of(str(m.get("referrals")), hours(m.get("median")), hours(m.get("p90"))), ""));
        }
        return new Table("timeToAnswerHoursBySource", "Time from sending to the first answer, by how the referral came in", "Source",
                List.of("Referrals", "Median (hours)", "90th percentile (hours)"), rows, false, List.of(),
                "Times are shown only where at least five referrals are behind them.");
    }

    /** SELF, INTERNAL, PARTNER in words. */
    static String source(String code) {
        return switch (code) {
            case "SELF" -> "Her own request";
            case "INTERNAL" -> "Within the organisation";
            case "PARTNER" -> "From a partner";
            default -> Labels.code(code);
        };
    }

    private static String hours(Object v) {
        return v == null ? "not shown" : str(v);
    }

    private static String label(String label, String table, boolean row, Map<String, String> orgNames, Function<String, String> service) {
        if (orgNames.containsKey(label)) return orgNames.get(label);
        if (!row && table.endsWith("BySource")) return source(label);
        if (row && (table.endsWith("ByService") || table.endsWith("ByServicePounds"))) return service.apply(label);
        if (row && table.equals("noServiceFound")) return Labels.need(label);
        if (label.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) return service.apply(label);
        return Labels.code(label);
    }

    private static void add(List<Figure> out, Map<String, Object> people, String key, String label) {
        if (people.containsKey(key)) out.add(new Figure(key, label, str(people.get(key))));
    }

    /** turnedAway -> turned_Away (for Labels.code). */
    private static String camel(String s) {
        return s.replaceAll("([a-z])([A-Z])", "$1_$2");
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(ReportView::str).toList();
    }
}
