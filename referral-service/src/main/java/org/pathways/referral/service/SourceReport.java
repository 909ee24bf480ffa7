package org.pathways.referral.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.referral.domain.report.DisclosureControl;
import org.pathways.referral.domain.report.Percentiles;
import org.pathways.referral.domain.section.Risk;
import org.pathways.referral.repository.ReportRepository;
import org.pathways.referral.repository.ReportRepository.Count;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * MWNUK's "time and risk by referral source" (issue 17, item 7; ADR 0096): referrals sent in the period by how they came
 * in - her own request (SELF), another service of the receiving organisation (INTERNAL), a partner organisation
 * (PARTNER) - per receiving organisation, by her risk level, and the time to a first answer. Her risk level is her RISK
 * section's latest version, decrypted for the count only (as ADR 0074 does for equality answers); no section, an erased
 * woman (no key) or no level is NOT_RECORDED. Every table under the same disclosure control as the rest of the report.
 */
@ApplicationScoped
public class SourceReport {

    static final List<String> SOURCES = List.of("SELF", "INTERNAL", "PARTNER");
    static final String NOT_RECORDED = "NOT_RECORDED";

    @Inject
    ReportRepository repository;

    @Inject
    ReportSections sections;

    @Inject
    ObjectMapper mapper;

    void addTo(ObjectNode root, ObjectNode tables, List<String> orgLabels, UUID partnershipId, Instant start, Instant end) {
        List<ReportRepository.Sourced> sent = repository.sourcedReferrals(partnershipId, start, end);
        Map<String, Long> byOrganisation = new LinkedHashMap<>();
        Map<String, Long> byRisk = new LinkedHashMap<>();
        Map<UUID, String> levels = new LinkedHashMap<>();
        for (ReportRepository.Sourced r : sent) {
            // A referral to an organisation that is not a member (a statutory partner's) has no row: counted by risk only.
            if (orgLabels.contains(r.toOrganisationId().toString())) {
                byOrganisation.merge(r.toOrganisationId() + "\u0000" + r.source(), 1L, Long::sum);
            }
            String level = levels.computeIfAbsent(r.subjectId(), this::riskLevel);
            byRisk.merge(level + "\u0000" + r.source(), 1L, Long::sum);
        }
        tables.set("referralsBySource", mapper.valueToTree(ReportService.table(orgLabels, SOURCES, cells(byOrganisation), true)));
        List<String> riskRows = new ArrayList<>(java.util.Arrays.stream(Risk.RiskLevel.values()).map(Enum::name).toList());
        riskRows.add(NOT_RECORDED);
        tables.set("riskBySource", mapper.valueToTree(ReportService.table(riskRows, SOURCES, cells(byRisk), true)));
        root.set("timeToAnswerHoursBySource", times(repository.timeToAnswerBySource(partnershipId, start, end)));
    }

    private static List<Count> cells(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("\u0000");
            return new Count(key[0], key[1], e.getValue());
        }).toList();
    }

    /** Per source: how many first answers, and median and 90th percentile hours only behind five or more. */
    private ArrayNode times(List<ReportRepository.SourcedHours> hours) {
        ArrayNode out = mapper.createArrayNode();
        for (String source : SOURCES) {
            double[] values = hours.stream().filter(h -> h.source().equals(source)).mapToDouble(ReportRepository.SourcedHours::hours)
                    .toArray();
            ObjectNode n = out.addObject();
            n.put("source", source);
            n.put("referrals", ReportService.single(values.length));
            if (values.length >= DisclosureControl.THRESHOLD) {
                n.put("median", Math.round(Percentiles.of(values, 50).getAsDouble() * 10.0) / 10.0);
                n.put("p90", Math.round(Percentiles.of(values, 90).getAsDouble() * 10.0) / 10.0);
            } else {
                n.putNull("median");
                n.putNull("p90");
            }
        }
        return out;
    }

    private String riskLevel(UUID subject) {
        return sections.latest(subject, DataCategory.RISK, Risk.class).map(Risk::level).map(Enum::name).orElse(NOT_RECORDED);
    }
}
