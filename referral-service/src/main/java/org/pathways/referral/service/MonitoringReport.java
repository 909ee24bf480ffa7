package org.pathways.referral.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.EqualityMonitoring;
import org.pathways.referral.domain.report.DisclosureControl;
import org.pathways.referral.repository.MonitoringRepository;
import org.pathways.referral.repository.MonitoringRepository.Equality;
import org.pathways.referral.repository.MonitoringRepository.Measure;
import org.pathways.referral.repository.ReportRepository.Count;
import org.pathways.referral.service.MonitoringService.EqualityAnswers;
import org.pathways.referral.service.MonitoringService.WellbeingAnswers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The wellbeing and equality-monitoring part of a partnership's report (issue 17, item 6; ADR 0074): decrypted for the
 * aggregate only, under disclosure control. A woman whose key is gone (erased) is no longer counted in a report not yet
 * stored. Per woman as registered (her subject), not unduplicated across organisations.
 */
@ApplicationScoped
public class MonitoringReport {

    static final String NOT_ANSWERED = "NOT_ANSWERED";

    @Inject
    MonitoringRepository repository;

    @Inject
    MonitoringService service;

    @Inject
    ObjectMapper mapper;

    void addTo(ObjectNode root, ObjectNode tables, List<UUID> members, Instant start, Instant end) {
        root.set("wellbeing", wellbeing(repository.measuresForReport(members, start, end), start));
        List<EqualityAnswers> answers = new ArrayList<>();
        Map<UUID, Optional<byte[]>> keys = MonitoringService.keyCache();
        for (Equality e : repository.equalityForReport(members, start, end)) service.answers(e, keys).ifPresent(answers::add);
        tables.set("equalityAgeBand", equality(answers, EqualityAnswers::ageBand, EqualityMonitoring.AgeBand.class));
        tables.set("equalityEthnicGroup", equality(answers, EqualityAnswers::ethnicGroup, EqualityMonitoring.EthnicGroup.class));
        tables.set("equalityDisability", equality(answers, EqualityAnswers::disability, EqualityMonitoring.Disability.class));
        tables.set("equalityChildren", equality(answers, EqualityAnswers::children, EqualityMonitoring.Children.class));
    }

    /** Every category as a row (unanswered included), one column of women; zeros are "<5" like any small count. */
    private com.fasterxml.jackson.databind.JsonNode equality(List<EqualityAnswers> answers, Function<EqualityAnswers, String> field,
            Class<? extends Enum<?>> type) {
        List<String> rows = new ArrayList<>(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        rows.add(NOT_ANSWERED);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (EqualityAnswers a : answers) counts.merge(field.apply(a) == null ? NOT_ANSWERED : field.apply(a), 1L, Long::sum);
        List<Count> cells = counts.entrySet().stream().map(e -> new Count(e.getKey(), "women", e.getValue())).toList();
        return mapper.valueToTree(ReportService.table(rows, List.of("women"), cells, false));
    }

    /**
     * Measures recorded in the period (START, LATER) and, for women with a LATER one in the period, the change from
     * her START (the latest LATER in the period): means only behind five or more such women.
     */
    private ObjectNode wellbeing(List<Measure> measures, Instant start) {
        Map<UUID, Optional<byte[]>> keys = MonitoringService.keyCache();
        long starts = 0;
        long laters = 0;
        Map<UUID, BigDecimal> startMetric = new LinkedHashMap<>();
        Map<UUID, BigDecimal> latestLater = new LinkedHashMap<>();
        for (Measure m : measures) {
            Optional<WellbeingAnswers> a = service.answers(m, keys);
            if (a.isEmpty()) continue;
            boolean inPeriod = !m.recordedAt().isBefore(start);
            if ("START".equals(m.timepoint())) {
                startMetric.put(m.subjectId(), a.get().metric());
                if (inPeriod) starts++;
            } else if (inPeriod) {
                laters++;
                latestLater.put(m.subjectId(), a.get().metric()); // ordered by time: the last one wins
            }
        }
        List<BigDecimal[]> pairs = new ArrayList<>();
        latestLater.forEach((subject, later) -> {
            BigDecimal first = startMetric.get(subject);
            if (first != null) pairs.add(new BigDecimal[] { first, later });
        });
        ObjectNode n = mapper.createObjectNode();
        n.put("scale", "SWEMWBS metric score (7-35)");
        n.put("startMeasures", ReportService.single(starts));
        n.put("laterMeasures", ReportService.single(laters));
        n.put("womenWithChange", ReportService.single(pairs.size()));
        if (pairs.size() >= DisclosureControl.THRESHOLD) {
            BigDecimal before = mean(pairs, 0);
            BigDecimal after = mean(pairs, 1);
            n.put("meanAtStart", before);
            n.put("meanLater", after);
            n.put("meanChange", after.subtract(before));
        } else {
            n.putNull("meanAtStart");
            n.putNull("meanLater");
            n.putNull("meanChange");
        }
        return n;
    }

    private static BigDecimal mean(List<BigDecimal[]> pairs, int i) {
        return pairs.stream().map(p -> p[i]).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(pairs.size()), 2, RoundingMode.HALF_UP);
    }
}
