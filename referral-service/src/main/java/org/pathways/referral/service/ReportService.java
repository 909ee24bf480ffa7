package org.pathways.referral.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.client.Dependencies;
import org.pathways.referral.client.PartnershipDirectory;
import org.pathways.referral.client.PartnershipDirectory.PartnershipMembers;
import org.pathways.referral.domain.report.CostSums;
import org.pathways.referral.domain.report.DisclosureControl;
import org.pathways.referral.domain.report.Percentiles;
import org.pathways.referral.domain.report.PublishedTable;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.referral.domain.report.ReportingPeriods.Period;
import org.pathways.referral.repository.ReportRepository;
import org.pathways.referral.repository.ReportRepository.Count;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * Aggregate reports for closed reporting periods, per partnership: no personal data, every count under five shown as
 * "&lt;5" with secondary suppression ({@link DisclosureControl}). A report is computed once, when first asked for or by
 * the snapshot job after its period closes, and stored; later changes (erasure included) never alter it.
 */
@ApplicationScoped
public class ReportService {

    static final Set<String> READERS = Set.of(Roles.CONNECTOR, Roles.PARTNERSHIP_ADMIN, Roles.EVALUATOR);

    /** A closed period as listed: whether its report is stored already. */
    public record PeriodView(String id, Instant start, Instant end, boolean stored, Instant generatedAt) {
    }

    @Inject
    ReportRepository repository;

    @Inject
    @RestClient
    PartnershipDirectory directory;

    @Inject
    Dependencies dependencies;

    @Inject
    Caller caller;

    @Inject
    SupportReport supportReport;

    @Inject
    MonitoringReport monitoringReport;

    @Inject
    SourceReport sourceReport;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "pathways.reports.period")
    String periodSpec;

    @ConfigProperty(name = "pathways.reports.anchor")
    Instant anchor;

    @ConfigProperty(name = "pathways.reports.history", defaultValue = "12")
    int history;

    @ConfigProperty(name = "pathways.reports.partnership-calendars", defaultValue = "true")
    boolean partnershipCalendars;

    public ReportingPeriods periods() {
        return ReportingPeriods.of(periodSpec, anchor);
    }

    /**
     * The partnership's own reporting calendar (issue 17, item 7; ADR 0076) — SMV quarterly, Coventry six-monthly — when
     * it has one and calendars are on; otherwise the default ({@code pathways.reports.period}). Tests that need periods
     * of seconds switch calendars off.
     */
    public ReportingPeriods periods(PartnershipMembers partnership) {
        if (partnershipCalendars && partnership.reportingPeriod() != null && partnership.reportingAnchor() != null) {
            return ReportingPeriods.of(partnership.reportingPeriod(), partnership.reportingAnchor().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        return periods();
    }

    /** The closed periods a reader of this partnership can ask for, newest first. */
    @Transactional
    public List<PeriodView> closedPeriods(UUID partnershipId) {
        PartnershipMembers partnership = requireReader(partnershipId);
        Map<String, Instant> stored = repository.storedPeriods(partnershipId);
        return periods(partnership).closed(Instant.EPOCH, Instant.now(), history).stream()
                .map(p -> new PeriodView(p.id(), p.start(), p.end(), stored.containsKey(p.id()), stored.get(p.id()))).toList();
    }

    /** The stored report of a closed period, computing and storing it first if nobody has asked before. */
    @Transactional
    public JsonNode report(UUID partnershipId, String periodId) {
        PartnershipMembers partnership = requireReader(partnershipId);
        Period period;
        try {
            period = periods(partnership).parse(periodId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("periodId", "is not a reporting period (" + periods(partnership).spec()
                    + " periods; see the list)");
        }
        if (!periods(partnership).isClosed(period, Instant.now())) {
            throw ProblemException.conflict("period-open", "This reporting period has not ended yet; only closed periods are reported.");
        }
        return read(ensureStored(partnership, period));
    }

    /**
     * The open period's figures so far (issue 17, item 7; ADR 0075): the same computation and disclosure control as a
     * closed period's report, marked provisional, recomputed on each request and never stored.
     */
    @Transactional
    public JsonNode provisional(UUID partnershipId) {
        PartnershipMembers partnership = requireReader(partnershipId);
        Instant now = Instant.now();
        ObjectNode body = compute(partnership, periods(partnership).containing(now));
        body.put("provisional", true);
        body.put("asOf", now.toString());
        return body;
    }

    /** Stores the latest closed period's report of every partnership that lacks one (scheduled, and before erasure). */
    @Transactional
    public int snapshotLatestClosed(Optional<UUID> onlyForOrganisation) {
        List<PartnershipMembers> all = partnerships();
        int stored = 0;
        for (PartnershipMembers p : all) {
            Period latest = periods(p).closed(Instant.EPOCH, Instant.now(), 1).get(0);
            boolean relevant = onlyForOrganisation.isEmpty()
                    || p.members().stream().anyMatch(m -> m.organisationId().equals(onlyForOrganisation.get()));
            if (relevant && repository.snapshot(p.partnershipId(), latest.id()).isEmpty()) {
                ensureStored(p, latest);
                stored++;
            }
        }
        return stored;
    }

    private String ensureStored(PartnershipMembers partnership, Period period) {
        Optional<String> existing = repository.snapshot(partnership.partnershipId(), period.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectNode body = compute(partnership, period);
        try {
            repository.storeSnapshot(partnership.partnershipId(), period.id(), mapper.writeValueAsString(body), Instant.now());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a report");
        }
        // Two first readers at once: the first stored wins, and both return what is stored.
        return repository.snapshot(partnership.partnershipId(), period.id()).orElseThrow();
    }

    ObjectNode compute(PartnershipMembers partnership, Period period) {
        List<UUID> members = partnership.members().stream().map(PartnershipDirectory.Member::organisationId).toList();
        List<String> orgLabels = members.stream().map(UUID::toString).sorted().toList();
        Instant s = period.start();
        Instant e = period.end();
        UUID pid = partnership.partnershipId();

        ObjectNode root = mapper.createObjectNode();
        root.put("partnershipId", pid.toString());
        ObjectNode p = root.putObject("period");
        p.put("id", period.id());
        p.put("start", period.start().toString());
        p.put("end", period.end().toString());
        root.put("generatedAt", Instant.now().toString());
        ObjectNode rule = root.putObject("disclosureControl");
        rule.put("threshold", DisclosureControl.THRESHOLD);
        rule.put(DisclosureControl.SMALL, "fewer than five (zero included)");
        rule.put(DisclosureControl.HIDDEN, "hidden so that a '<5' cannot be worked out from the totals");
        ArrayNode orgs = root.putArray("organisations");
        for (PartnershipDirectory.Member m : partnership.members()) {
            orgs.addObject().put("organisationId", m.organisationId().toString()).put("name", m.name()).put("role", m.role());
        }

        PublishedTable engagements = table(orgLabels, List.of("engagements"),
                repository.engagementsByOrganisation(members, s, e), true);
        ObjectNode people = root.putObject("people");
        people.put("unduplicated", single(repository.unduplicatedPeople(members, s, e)));
        people.put("engagements", engagements.total());
        people.put("turnedAway", single(repository.peopleTurnedAway(pid, members, s, e)));

        ObjectNode tables = root.putObject("tables");
        tables.set("engagements", mapper.valueToTree(engagements));
        tables.set("pathwayMatrix", mapper.valueToTree(table(orgLabels, orgLabels, repository.pathwayMatrix(pid, s, e), true)));
        tables.set("funnel", mapper.valueToTree(table(orgLabels, List.of("sent", "taken-up", "completed", "need-met"),
                repository.funnel(pid, s, e), false)));
        List<Count> declines = repository.reasons(pid, "DECLINED", s, e);
        tables.set("declineReasons", mapper.valueToTree(table(orgLabels, columns(declines), declines, true)));
        List<Count> failures = repository.reasons(pid, "NOT_COMPLETED", s, e);
        tables.set("nonCompletionReasons", mapper.valueToTree(table(orgLabels, columns(failures), failures, true)));
        List<Count> unmet = repository.noServiceFound(members, s, e);
        List<String> needs = unmet.stream().map(Count::row).distinct().sorted().toList();
        tables.set("noServiceFound", mapper.valueToTree(table(needs, List.of("records"), unmet, true)));
        List<ReportRepository.CountAndSum> costs = repository.costLines(pid, s, e);
        List<Count> costCounts = costs.stream().map(c -> new Count(c.row(), c.column(), c.count())).toList();
        PublishedTable costLines = table(costCounts.stream().map(Count::row).distinct().sorted().toList(), columns(costCounts),
                costCounts, true);
        tables.set("costLinesByService", mapper.valueToTree(costLines));
        tables.set("costsByServicePounds", mapper.valueToTree(CostSums.publish(costLines,
                costs.stream().map(c -> new CostSums.Sum(c.row(), c.column(), c.sum())).toList())));
        List<Count> turnAways = repository.turnAwaysByService(members, s, e);
        List<String> turningServices = turnAways.stream().map(Count::row).distinct().sorted().toList();
        tables.set("turnedAwayByService", mapper.valueToTree(table(turningServices, columns(turnAways), turnAways, true)));
        // MWNUK's figures (issue 17, item 7): the waiting list with those held informally, and repeat contacts.
        List<Count> waiting = repository.waitingListByService(pid, s, e);
        tables.set("waitingListByService", mapper.valueToTree(table(waiting.stream().map(Count::row).distinct().sorted().toList(),
                List.of("joined", "held-informally"), waiting, false)));
        List<Count> contacts = repository.repeatContactsByOrganisation(members, s, e);
        tables.set("repeatContactsByOrganisation", mapper.valueToTree(table(contacts.stream().map(Count::row).distinct().sorted().toList(),
                columns(contacts), contacts, true)));
        people.put("withRepeatContacts", single(repository.peopleWithRepeatContacts(members, s, e)));

        supportReport.addTo(people, tables, root, pid, s, e); // issue 17, items 1 and 5 (ADR 0073)
        monitoringReport.addTo(root, tables, members, s, e); // issue 17, item 6 (ADR 0074)
        sourceReport.addTo(root, tables, orgLabels, pid, s, e); // issue 17, item 7: MWNUK's time and risk by source (ADR 0096)
        root.set("timeToAnswerHours", times(repository.timeToAnswer(pid, s, e)));
        root.set("timeToFirstContactHours", times(repository.timeToFirstContact(pid, s, e)));
        root.set("names", names(partnership, root));
        return root;
    }

    /**
     * The name of every organisation and service the report counts by id (issue 17, item 7: "name organisations"), as the
     * directory names them when the report is made: rows and columns keep their ids (stable for a reader's scripts), and
     * {@code names} says whose they are. Ids the partnership's members do not own (e.g. a statutory partner's) stay unnamed.
     */
    private ObjectNode names(PartnershipMembers partnership, ObjectNode report) {
        Map<String, String> known = new LinkedHashMap<>();
        for (PartnershipDirectory.Member m : partnership.members()) {
            if (m.name() != null) known.put(m.organisationId().toString(), m.name());
            if (m.services() != null) m.services().forEach(sv -> known.put(sv.serviceId().toString(), sv.name()));
        }
        Set<String> used = new TreeSet<>();
        report.path("tables").forEach(t -> {
            t.path("rowLabels").forEach(l -> used.add(l.asText()));
            t.path("columnLabels").forEach(l -> used.add(l.asText()));
        });
        report.forEach(section -> {
            if (section.isArray()) section.forEach(n -> used.add(n.path("serviceId").asText()));
        });
        ObjectNode out = mapper.createObjectNode();
        used.stream().filter(known::containsKey).forEach(id -> out.put(id, known.get(id)));
        return out;
    }

    /** Per service: how many, and median and 90th percentile hours only when there are at least five. */
    private ArrayNode times(List<ReportRepository.Duration> durations) {
        Map<UUID, List<Double>> byService = new LinkedHashMap<>();
        durations.stream().sorted((a, b) -> a.serviceId().toString().compareTo(b.serviceId().toString()))
                .forEach(d -> byService.computeIfAbsent(d.serviceId(), k -> new ArrayList<>()).add(d.hours()));
        ArrayNode out = mapper.createArrayNode();
        byService.forEach((service, hours) -> {
            ObjectNode n = out.addObject();
            n.put("serviceId", service.toString());
            n.put("referrals", single(hours.size()));
            double[] values = hours.stream().mapToDouble(Double::doubleValue).toArray();
            if (hours.size() >= DisclosureControl.THRESHOLD) {
                n.put("median", round(Percentiles.of(values, 50).getAsDouble()));
                n.put("p90", round(Percentiles.of(values, 90).getAsDouble()));
            } else {
                n.putNull("median");
                n.putNull("p90");
            }
        });
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    static String single(long count) {
        return count < DisclosureControl.THRESHOLD ? DisclosureControl.SMALL : Long.toString(count);
    }

    static List<String> columns(List<Count> counts) {
        Set<String> cols = new TreeSet<>();
        counts.forEach(c -> cols.add(c.column()));
        return List.copyOf(cols);
    }

    static PublishedTable table(List<String> rows, List<String> cols, List<Count> counts, boolean rowTotals) {
        Set<String> allRows = new LinkedHashSet<>(rows);
        long[][] cells = new long[allRows.size()][cols.size()];
        List<String> rowList = List.copyOf(allRows);
        for (Count c : counts) {
            int r = rowList.indexOf(c.row());
            int col = cols.indexOf(c.column());
            if (r >= 0 && col >= 0) {
                cells[r][col] += c.count();
            }
        }
        return DisclosureControl.publish(rowList, cols, cells, rowTotals, true);
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored report is not JSON");
        }
    }

    /** Readers: the Connector, partnership admins and evaluators of a member organisation; anybody else gets 404. */
    private PartnershipMembers requireReader(UUID partnershipId) {
        if (caller.roles().stream().noneMatch(READERS::contains)) {
            throw ProblemException.forbidden("Reports are for the Partnership Connector, partnership admins and evaluators.");
        }
        UUID org = caller.requireOrganisation();
        PartnershipMembers p = dependencies.directory().call(() -> directory.partnership(partnershipId), () -> {
            throw ProblemException.notFound("The partnership");
        });
        if (p == null || p.members().stream().noneMatch(m -> m.organisationId().equals(org))) {
            throw ProblemException.notFound("The partnership");
        }
        return p;
    }

    private List<PartnershipMembers> partnerships() {
        return dependencies.directory().call(() -> directory.partnerships(), null);
    }

    /** Flattens a report into CSV rows: section, row, column, value (a header first). */
    public static List<List<String>> csv(JsonNode report) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("section", "row", "column", "value"));
        String period = report.path("period").path("id").asText();
        out.add(List.of("period", period, "", ""));
        report.path("people").fields().forEachRemaining(f -> out.add(List.of("people", f.getKey(), "", f.getValue().asText())));
        report.path("tables").fields().forEachRemaining(t -> {
            JsonNode table = t.getValue();
            List<String> rows = texts(table.path("rowLabels"));
            List<String> cols = texts(table.path("columnLabels"));
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < cols.size(); c++) {
                    out.add(List.of(t.getKey(), rows.get(r), cols.get(c), table.path("cells").path(r).path(c).asText()));
                }
                if (table.path("rowTotals").size() > r) {
                    out.add(List.of(t.getKey(), rows.get(r), "total", table.path("rowTotals").path(r).asText()));
                }
            }
            for (int c = 0; c < cols.size() && table.path("columnTotals").size() > c; c++) {
                out.add(List.of(t.getKey(), "total", cols.get(c), table.path("columnTotals").path(c).asText()));
            }
            if (!table.path("total").isNull() && !table.path("total").isMissingNode()) {
                out.add(List.of(t.getKey(), "total", "total", table.path("total").asText()));
            }
        });
        report.path("wellbeing").fields().forEachRemaining(f -> { // issue 17, item 6 (ADR 0074)
            // Counts in the value column; means (scores, not counts) under the column "mean", and only when shown.
            if (f.getValue().isNumber()) out.add(List.of("wellbeing", f.getKey(), "mean", f.getValue().asText()));
            else if (f.getValue().isTextual() && !"scale".equals(f.getKey())) out.add(List.of("wellbeing", f.getKey(), "", f.getValue().asText()));
        });
        for (JsonNode n : report.path("supportLengthDays")) { // issue 17, item 1 (ADR 0073)
            for (String column : List.of("ended", "extended", "median", "p90")) {
                out.add(List.of("supportLengthDays", n.path("serviceId").asText(), column, n.path(column).isNull() ? "" : n.path(column).asText()));
            }
        }
        for (String section : List.of("timeToAnswerHours", "timeToFirstContactHours")) {
            for (JsonNode n : report.path(section)) {
                String service = n.path("serviceId").asText();
                out.add(List.of(section, service, "referrals", n.path("referrals").asText()));
                out.add(List.of(section, service, "median", n.path("median").isNull() ? "" : n.path("median").asText()));
                out.add(List.of(section, service, "p90", n.path("p90").isNull() ? "" : n.path("p90").asText()));
            }
        }
        for (JsonNode n : report.path("timeToAnswerHoursBySource")) { // ADR 0096
            String source = n.path("source").asText();
            out.add(List.of("timeToAnswerHoursBySource", source, "referrals", n.path("referrals").asText()));
            out.add(List.of("timeToAnswerHoursBySource", source, "median", n.path("median").isNull() ? "" : n.path("median").asText()));
            out.add(List.of("timeToAnswerHoursBySource", source, "p90", n.path("p90").isNull() ? "" : n.path("p90").asText()));
        }
        // Whose ids the rows and columns are: one line per organisation or service, its name as the value.
        report.path("names").fields().forEachRemaining(f -> out.add(List.of("name", f.getKey(), "", f.getValue().asText())));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String csvLine(List<String> cells) {
        return cells.stream().map(v -> v.contains(",") || v.contains("\"") || v.contains("\n")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v).collect(Collectors.joining(",")) + "\r\n";
    }

    public static String toCsv(JsonNode report) {
        StringBuilder sb = new StringBuilder();
        csv(report).forEach(line -> sb.append(csvLine(line)));
        return sb.toString();
    }
}
