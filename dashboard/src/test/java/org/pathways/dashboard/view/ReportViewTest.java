package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportViewTest {

    private static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    private static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    private static final String SERVICE = "aaaaaaaa-0000-4000-8000-000000000001";

    private static Map<String, Object> table(List<String> rows, List<String> cols, List<List<String>> cells, List<String> rowTotals,
            List<String> columnTotals, String total) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("rowLabels", rows);
        t.put("columnLabels", cols);
        t.put("cells", cells);
        t.put("rowTotals", rowTotals);
        t.put("columnTotals", columnTotals);
        t.put("total", total);
        return t;
    }

    @Test
    void everyEntryIsShownAsTheApiPublishedItWithOrganisationsAndServicesByName() {
        Map<String, Object> tables = new LinkedHashMap<>();
        tables.put("turnedAwayByService", table(List.of(SERVICE), List.of("NO_CAPACITY"), List.of(List.of("<5")), List.of("<5"),
                List.of("<5"), "<5"));
        tables.put("pathwayMatrix", table(List.of(CRASAC, KAIROS), List.of(CRASAC, KAIROS),
                List.of(List.of("<5", "*"), List.of("12", "<5")), List.of("*", "14"), List.of("14", "*"), "20"));
        tables.put("funnel", table(List.of(CRASAC), List.of("sent", "taken-up"), List.of(List.of("7", "<5")), List.of(),
                List.of("7", "<5"), null));
        tables.put("noServiceFound", table(List.of("counselling"), List.of("records"), List.of(List.of("<5")), List.of("<5"),
                List.of("<5"), "<5"));
        Map<String, Object> report = Map.of("organisations", List.of(Map.of("organisationId", KAIROS, "name", "Kairos"),
                Map.of("organisationId", CRASAC, "name", "CRASAC")), "tables", tables,
                "people", Map.of("unduplicated", "6", "engagements", "8", "turnedAway", "<5"));

        List<ReportView.Table> out = ReportView.tables(report, id -> id.equals(SERVICE) ? "Counselling service" : "?");
        assertEquals(List.of("funnel", "pathwayMatrix", "noServiceFound", "turnedAwayByService"), out.stream().map(ReportView.Table::key).toList(),
                "the known tables in the screen's order");
        ReportView.Table matrix = out.get(1);
        assertEquals(List.of("CRASAC", "Kairos"), matrix.columns());
        assertEquals(new ReportView.Row("Kairos", List.of("12", "<5"), "14"), matrix.rows().get(1));
        assertEquals(List.of("14", "*", "20"), matrix.totals(), "column totals, then the grand total");
        ReportView.Table funnel = out.get(0);
        assertEquals(false, funnel.hasRowTotals(), "the funnel's stages are not parts: no row totals");
        assertEquals(List.of("7", "<5"), funnel.totals());
        assertEquals(List.of("Sent", "Taken up"), funnel.columns());
        assertEquals("Counselling", out.get(2).rows().get(0).label(), "needs in the taxonomy's words");
        assertEquals("Counselling service", out.get(3).rows().get(0).label());
        assertEquals(List.of("No capacity"), out.get(3).columns());
        assertEquals(Arrays.asList("6", "8", "<5"), ReportView.figures(report).stream().map(ReportView.Figure::value).toList());
    }

    @Test
    void aChartDrawsOnlyTheCountsItsTableShowsAndKeepsEveryEntryAsPublished() throws Exception {
        Map<String, Object> tables = new LinkedHashMap<>();
        tables.put("funnel", table(List.of(CRASAC, KAIROS), List.of("sent", "taken-up"), List.of(List.of("7", "<5"), List.of("*", "12")),
                List.of(), List.of("19", "*"), null));
        tables.put("pathwayMatrix", table(List.of(CRASAC), List.of(KAIROS), List.of(List.of("9")), List.of("9"), List.of("9"), "9"));
        Map<String, Object> report = Map.of("organisations", List.of(Map.of("organisationId", KAIROS, "name", "Kairos"),
                Map.of("organisationId", CRASAC, "name", "CRASAC")), "tables", tables);
        List<ReportView.Table> out = ReportView.tables(report, id -> "?");
        ReportView.Table funnel = out.get(0);
        assertEquals(true, funnel.charted());
        assertEquals(false, out.get(1).charted(), "the matrix is a table only");
        assertEquals(true, funnel.drawable());
        assertEquals(false, new ReportView.Table("funnel", "", "", List.of("Sent"), List.of(new ReportView.Row("CRASAC", List.of("<5"), "")),
                false, List.of(), null).drawable(), "only <5 and *: nothing to draw");
        com.fasterxml.jackson.databind.JsonNode chart = new com.fasterxml.jackson.databind.ObjectMapper().readTree(funnel.chartJson());
        assertEquals("[\"CRASAC\",\"Kairos\"]", chart.get("labels").toString(), "a bar group per row, named as in the table");
        assertEquals("Sent", chart.get("datasets").get(0).get("label").asText());
        assertEquals("[7,null]", chart.get("datasets").get(0).get("data").toString(), "'*' is not drawn");
        assertEquals("[null,12]", chart.get("datasets").get(1).get("data").toString(), "'<5' is not drawn");
        assertEquals("[\"<5\",\"12\"]", chart.get("datasets").get(1).get("published").toString(), "the tooltip says what was published");
        assertEquals(null, ReportView.count("x"));
        assertEquals(null, ReportView.count("12.50"), "money is not a count");
    }

    @Test
    void timesAreShownOnlyWhereTheApiShowsThem() {
        Map<String, Object> report = Map.of("timeToAnswerHours", List.of(new LinkedHashMap<>(Map.of("serviceId", SERVICE, "referrals", "<5"))));
        ReportView.Table t = ReportView.times(report, "timeToAnswerHours", "Answer", id -> "Counselling service");
        assertEquals(List.of("<5", "not shown", "not shown"), t.rows().get(0).entries());
    }

    @Test
    void referralSourcesAreNamedInWordsAndTheirTimesShownOnlyWhereTheApiShowsThem() {
        Map<String, Object> tables = new LinkedHashMap<>();
        tables.put("riskBySource", table(List.of("HIGH", "NOT_RECORDED"), List.of("SELF", "INTERNAL", "PARTNER"),
                List.of(List.of("<5", "<5", "6"), List.of("*", "<5", "*")), List.of("8", "5"), List.of("*", "<5", "9"), "13"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("tables", tables);
        Map<String, Object> partner = new LinkedHashMap<>(Map.of("source", "PARTNER", "referrals", "6"));
        partner.put("median", 1.5);
        partner.put("p90", 3.0);
        Map<String, Object> self = new LinkedHashMap<>(Map.of("source", "SELF", "referrals", "<5"));
        report.put("timeToAnswerHoursBySource", List.of(self, partner));
        ReportView.Table risk = ReportView.tables(report, id -> id).get(0);
        assertEquals(List.of("Her own request", "Within the organisation", "From a partner"), risk.columns());
        assertEquals("High", risk.rows().get(0).label());
        assertEquals(List.of("*", "<5", "*"), risk.rows().get(1).entries(), "every entry as published");
        ReportView.Table times = ReportView.sourceTimes(report);
        assertEquals("Her own request", times.rows().get(0).label());
        assertEquals(List.of("<5", "not shown", "not shown"), times.rows().get(0).entries());
        assertEquals(List.of("6", "1.5", "3.0"), times.rows().get(1).entries());
    }
}
