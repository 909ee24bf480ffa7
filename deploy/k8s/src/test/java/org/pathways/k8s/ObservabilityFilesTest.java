package org.pathways.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * deploy/observability (ADR 0078): the Prometheus alert rules and the Grafana dashboard, checked offline (promtool is
 * not available here). Rules in Prometheus' rule-file format with no unknown field at any level; every expression and
 * every panel query names only metrics listed in {@code exported-metrics.txt} — which MetricsJourneyTest checks against
 * the services' real {@code /q/metrics}, so a rule cannot watch a metric nobody exports. Broken inputs prove each
 * check can fail.
 */
class ObservabilityFilesTest {

    static final Path DIR = ManifestsTest.REPO.resolve("deploy/observability");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "limit", "rules");
    static final Set<String> ALERT_FIELDS = Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
    static final Set<String> RECORD_FIELDS = Set.of("record", "expr", "labels");
    static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    static final Set<String> PROMQL_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool", "inf", "nan");

    @Test
    void theAlertRulesAreValidAndWatchOnlyExportedMetrics() throws IOException {
        assertEquals(List.of(), checkRules(YAML.readTree(DIR.resolve("pathways-alerts.rules.yaml").toFile()), exported()));
    }

    @Test
    void theDashboardIsValidAndShowsOnlyExportedMetrics() throws IOException {
        assertEquals(List.of(), checkDashboard(JSON.readTree(DIR.resolve("pathways-dashboard.json").toFile()), exported()));
    }

    @Test
    void theRulesCoverWhatTheIssueAsks() throws IOException {
        String rules = Files.readString(DIR.resolve("pathways-alerts.rules.yaml"));
        for (String m : List.of("pathways_outbox_oldest_pending_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                "pathways_referral_timers_oldest_due_age_seconds", "pathways_dead_letters_total", "pathways_access_denials_total",
                "pathways_consent_decisions_total")) {
            assertTrue(rules.contains(m), "an alert on " + m);
        }
        String dashboard = Files.readString(DIR.resolve("pathways-dashboard.json"));
        for (String m : List.of("pathways.referral.sent", "pathways_consent_decisions_total", "pathways_access_denials_total",
                "pathways_outbox_oldest_pending_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                "pathways_referral_timers_due", "pathways_dead_letters_total")) {
            assertTrue(dashboard.contains(m), "a panel on " + m);
        }
    }

    @Test
    void aMisspeltFieldOrAnUnknownMetricFails() throws IOException {
        Set<String> exported = exported();
        JsonNode misspelt = YAML.readTree("""
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expresion: up == 0
                        labels: {severity: warning}
                        annotations: {summary: s, description: d}
                """);
        assertTrue(checkRules(misspelt, exported).stream().anyMatch(e -> e.contains("expresion")), "unknown field named");
        JsonNode unknownMetric = YAML.readTree("""
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: max by (job) (pathways_outbox_lag_seconds{job="x"}[5m]) > 1
                        for: 5x
                        labels: {severity: urgent}
                        annotations: {summary: s, description: d}
                """);
        List<String> errors = checkRules(unknownMetric, exported);
        assertTrue(errors.stream().anyMatch(e -> e.contains("pathways_outbox_lag_seconds")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("5x")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("urgent")), errors.toString());
        JsonNode dashboard = JSON.readTree("""
                {"title": "t", "uid": "u", "panels": [{"id": 1, "type": "timeseries", "title": "p",
                  "datasource": {"type": "prometheus", "uid": "${datasource}"}, "gridPos": {"x": 0, "y": 0, "w": 30, "h": 8},
                  "targets": [{"refId": "A", "expr": "rate(pathways_sends_total[5m])"}]}]}
                """);
        List<String> dashboardErrors = checkDashboard(dashboard, exported);
        assertTrue(dashboardErrors.stream().anyMatch(e -> e.contains("pathways_sends_total")), dashboardErrors.toString());
        assertTrue(dashboardErrors.stream().anyMatch(e -> e.contains("gridPos")), dashboardErrors.toString());
    }

    @Test
    void metricNamesAreReadFromPromQl() {
        assertEquals(Set.of("a_total", "b"), metricNames(
                "sum by (job, status) (rate(a_total{status=~\"4..\", job!=\"x\"}[5m])) / ignoring(status) max without (le) (b offset 1h) > 0.5"));
        assertEquals(Set.of("up"), metricNames("up{job=~\"a|b\"} == 0"));
    }

    // ---- the checks -------------------------------------------------------------------------------------------------

    static List<String> checkRules(JsonNode file, Set<String> exported) {
        List<String> errors = new ArrayList<>();
        unknownFields(file, Set.of("groups"), "file", errors);
        Set<String> names = new HashSet<>();
        for (JsonNode group : file.path("groups")) {
            String g = group.path("name").asText("");
            if (g.isEmpty()) errors.add("a group without a name");
            unknownFields(group, GROUP_FIELDS, "group " + g, errors);
            for (JsonNode rule : group.path("rules")) {
                boolean alert = rule.has("alert");
                String name = alert ? rule.path("alert").asText() : rule.path("record").asText();
                String where = "rule " + name;
                unknownFields(rule, alert ? ALERT_FIELDS : RECORD_FIELDS, where, errors);
                if (!names.add(name)) errors.add(where + ": name used twice");
                String expr = rule.path("expr").asText("");
                if (expr.isBlank()) errors.add(where + ": no expr");
                for (String m : metricNames(expr)) {
                    if (!exported.contains(m)) errors.add(where + ": metric " + m + " is not in exported-metrics.txt");
                }
                if (!balanced(expr)) errors.add(where + ": unbalanced brackets in expr");
                if (!alert) continue;
                if (!name.matches("[A-Z][A-Za-z0-9]+")) errors.add(where + ": alert names are CamelCase");
                for (String d : List.of("for", "keep_firing_for")) {
                    if (rule.has(d) && !DURATION.matcher(rule.path(d).asText()).matches()) {
                        errors.add(where + ": " + d + " is not a duration: " + rule.path(d).asText());
                    }
                }
                String severity = rule.path("labels").path("severity").asText("");
                if (!SEVERITIES.contains(severity)) errors.add(where + ": severity " + severity + " not in " + SEVERITIES);
                for (String a : List.of("summary", "description")) {
                    if (rule.path("annotations").path(a).asText("").isBlank()) errors.add(where + ": no " + a + " annotation");
                }
            }
        }
        if (names.isEmpty()) errors.add("no rules");
        return errors;
    }

    static List<String> checkDashboard(JsonNode dashboard, Set<String> exported) {
        List<String> errors = new ArrayList<>();
        for (String f : List.of("title", "uid", "panels")) if (!dashboard.has(f)) errors.add("dashboard: no " + f);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String where = "panel '" + panel.path("title").asText() + "'";
            if (!ids.add(panel.path("id").asInt(-1))) errors.add(where + ": id missing or used twice");
            if (!"${datasource}".equals(panel.path("datasource").path("uid").asText())) {
                errors.add(where + ": datasource must be the ${datasource} variable");
            }
            JsonNode pos = panel.path("gridPos");
            if (pos.path("w").asInt(0) < 1 || pos.path("x").asInt(-1) < 0 || pos.path("x").asInt() + pos.path("w").asInt() > 24
                    || pos.path("h").asInt(0) < 1) {
                errors.add(where + ": gridPos outside Grafana's 24 columns: " + pos);
            }
            Set<String> refs = new HashSet<>();
            if (panel.path("targets").isEmpty()) errors.add(where + ": no query");
            for (JsonNode target : panel.path("targets")) {
                if (!refs.add(target.path("refId").asText(""))) errors.add(where + ": refId missing or used twice");
                String expr = target.path("expr").asText("");
                if (!balanced(expr)) errors.add(where + ": unbalanced brackets in " + expr);
                for (String m : metricNames(expr)) {
                    if (!exported.contains(m)) errors.add(where + ": metric " + m + " is not in exported-metrics.txt");
                }
            }
        }
        return errors;
    }

    /** The metric names a PromQL expression selects: identifiers that are not functions, keywords or label names. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")          // string literals
                .replaceAll("\\{[^}]*}", " ")                                    // label matchers
                .replaceAll("\\[[^\\]]*]", " ")                                  // range and subquery windows
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+-?[0-9a-z]+", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_:.])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?").matcher(s);
        while (m.find()) {
            if (m.group(2) != null) continue; // a function or an aggregation
            String id = m.group(1);
            if (PROMQL_KEYWORDS.contains(id.toLowerCase())) continue;
            names.add(id);
        }
        return names;
    }

    private static boolean balanced(String s) {
        int round = 0, curly = 0, square = 0;
        for (char c : s.toCharArray()) {
            switch (c) {
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '[' -> square++;
                case ']' -> square--;
                default -> { }
            }
            if (round < 0 || curly < 0 || square < 0) return false;
        }
        return round == 0 && curly == 0 && square == 0;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String where, List<String> errors) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) errors.add(where + ": unknown field " + f);
        }
    }

    /** exported-metrics.txt: metric, services. */
    static Set<String> exported() throws IOException {
        Set<String> names = new HashSet<>();
        for (String line : Files.readAllLines(DIR.resolve("exported-metrics.txt"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            names.add(l.split("\\s+")[0]);
        }
        return names;
    }
}
