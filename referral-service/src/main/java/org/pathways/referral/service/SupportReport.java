package org.pathways.referral.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.referral.domain.report.DisclosureControl;
import org.pathways.referral.domain.report.Percentiles;
import org.pathways.referral.domain.report.PublishedTable;
import org.pathways.referral.repository.ReportRepository.Count;
import org.pathways.referral.repository.SupportReportQueries;
import org.pathways.referral.domain.section.Immigration;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.ImmigrationStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The support-period part of a partnership's report (issue 17, items 1 and 5; ADR 0073), under the same disclosure
 * control as every table: periods started / ended / open at the end per service, end reasons, approved extensions by
 * reason, and lengths (median and 90th percentile only behind five or more). Kept apart from {@link ReportService} so
 * the report's other tables stay as they were.
 */
@ApplicationScoped
public class SupportReport {

    @Inject
    SupportReportQueries queries;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReportSections sections;

    static final String NOT_RECORDED = "NOT_RECORDED";

    void addTo(ObjectNode people, ObjectNode tables, ObjectNode root, UUID partnershipId, Instant start, Instant end) {
        people.put("inSupportAtEnd", ReportService.single(queries.peopleInSupportAtEnd(partnershipId, end)));
        List<Count> periods = queries.periodsByService(partnershipId, start, end);
        // Three measures, not parts of one whole: no row totals (a row total would add a stock to two flows).
        PublishedTable byService = ReportService.table(rows(periods), List.of("started", "ended", "in-support-at-end"), periods, false);
        tables.set("supportPeriodsByService", mapper.valueToTree(byService));
        List<Count> ends = queries.endReasons(partnershipId, start, end);
        tables.set("supportEndReasons", mapper.valueToTree(ReportService.table(rows(ends), ReportService.columns(ends), ends, true)));
        List<Count> extensions = queries.extensionsApproved(partnershipId, start, end);
        tables.set("supportExtensionsApproved", mapper.valueToTree(ReportService.table(rows(extensions),
                ReportService.columns(extensions), extensions, true)));
        root.set("supportLengthDays", lengths(queries.lengths(partnershipId, start, end), byService));
        // The SMV return's status on entering and on leaving support (issue 17, item 7): her IMMIGRATION section's
        // confirmed status, decrypted for the count only.
        tables.set("immigrationStatusOnEnteringSupport", statuses(queries.subjects(partnershipId, start, end, false), false));
        tables.set("immigrationStatusOnLeavingSupport", statuses(queries.subjects(partnershipId, start, end, true), true));
    }

    /** Every status code and NOT_RECORDED as rows, one column of women; an erased woman (no key) is NOT_RECORDED. */
    private com.fasterxml.jackson.databind.JsonNode statuses(List<UUID> women, boolean leaving) {
        List<String> rows = new ArrayList<>(java.util.Arrays.stream(ImmigrationStatus.values()).map(ImmigrationStatus::code).toList());
        rows.add(NOT_RECORDED);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (UUID subject : women) counts.merge(status(subject, leaving), 1L, Long::sum);
        List<Count> cells = counts.entrySet().stream().map(e -> new Count(e.getKey(), "women", e.getValue())).toList();
        return mapper.valueToTree(ReportService.table(rows, List.of("women"), cells, false));
    }

    private String status(UUID subject, boolean leaving) {
        return sections.latest(subject, DataCategory.IMMIGRATION, Immigration.class)
                .map(i -> leaving ? i.onLeavingSupport() : i.onEnteringSupport())
                .filter(stage -> stage.status() != null).map(stage -> stage.status().code()).orElse(NOT_RECORDED);
    }

    /**
     * Per service, of periods ended: how many (exactly as the "ended" cell of supportPeriodsByService is published, so a
     * cell hidden there is hidden here too), how many were extended, and median and p90 days only behind a shown count.
     */
    private ArrayNode lengths(List<SupportReportQueries.Length> lengths, PublishedTable byService) {
        Map<String, List<SupportReportQueries.Length>> byId = new LinkedHashMap<>();
        lengths.forEach(l -> byId.computeIfAbsent(l.serviceId(), k -> new ArrayList<>()).add(l));
        ArrayNode out = mapper.createArrayNode();
        byId.forEach((service, ls) -> {
            ObjectNode n = out.addObject();
            n.put("serviceId", service);
            String ended = byService.cell(service, "ended");
            n.put("ended", ended);
            long extended = ls.stream().filter(SupportReportQueries.Length::extended).count();
            boolean shown = ended.chars().allMatch(Character::isDigit);
            // Under five is "<5"; five or more is hidden when the periods not extended are under five (ended minus
            // extended would give them), and when the ended count itself is not shown.
            n.put("extended", !shown ? DisclosureControl.HIDDEN : extended < DisclosureControl.THRESHOLD ? DisclosureControl.SMALL
                    : ls.size() - extended < DisclosureControl.THRESHOLD ? DisclosureControl.HIDDEN : Long.toString(extended));
            if (shown) {
                double[] days = ls.stream().mapToDouble(SupportReportQueries.Length::days).toArray();
                n.put("median", Percentiles.of(days, 50).getAsDouble());
                n.put("p90", Percentiles.of(days, 90).getAsDouble());
            } else {
                n.putNull("median");
                n.putNull("p90");
            }
        });
        return out;
    }

    private static List<String> rows(List<Count> counts) {
        return counts.stream().map(Count::row).distinct().sorted().toList();
    }
}
