package org.pathways.referral.service;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.EqualityMonitoring;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.domain.measure.Swemwbs;
import org.pathways.referral.repository.MonitoringRepository;
import org.pathways.referral.repository.MonitoringRepository.Equality;
import org.pathways.referral.repository.MonitoringRepository.Measure;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.RestrictedCases;
import org.pathways.referral.security.SubjectCrypto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Wellbeing measures (SWEMWBS, at the start and later) and equality monitoring (issue 17, item 6; ADR 0074): optional,
 * only with her agreement, recorded and read by her organisation or one that took up a referral for her. The answers
 * are encrypted under her key; they leave the system only as suppressed aggregates in the reports.
 */
@ApplicationScoped
public class MonitoringService {

    static final ZoneId UK = ZoneId.of("Europe/London");
    static final String WELLBEING = "WELLBEING";
    static final String EQUALITY = "EQUALITY";

    /** The answers of a wellbeing measure, as encrypted. */
    public record WellbeingAnswers(List<Integer> items, int rawTotal, BigDecimal metric) {
    }

    /** A wellbeing measure as shown to those allowed. */
    public record WellbeingView(UUID id, String timepoint, LocalDate takenOn, Instant recordedAt, UUID organisationId,
            List<Integer> items, int rawTotal, BigDecimal metric) {
    }

    /** Her equality monitoring answers (each optional; "PREFER_NOT_TO_SAY" is an answer). */
    public record EqualityAnswers(String ageBand, String ethnicGroup, String disability, String children) {
    }

    public record EqualityView(int version, Instant recordedAt, UUID organisationId, String ageBand, String ethnicGroup,
            String disability, String children) {
    }

    @Inject
    MonitoringRepository repository;

    @Inject
    SubjectRepository subjects;

    @Inject
    ReferralRepository referrals;

    @Inject
    RestrictedCases restricted;

    @Inject
    SubjectCrypto crypto;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public WellbeingView recordWellbeing(UUID subjectId, String timepoint, LocalDate takenOn, List<Integer> items, Boolean sheAgreed) {
        UUID org = caller.requireOrganisation();
        AuditBasis basis = requireMayActForHer(subjectId, org);
        List<Problem.FieldError> errors = new ArrayList<>(agreement(sheAgreed));
        if (!"START".equals(timepoint) && !"LATER".equals(timepoint)) errors.add(new Problem.FieldError("timepoint", "must be START or LATER"));
        LocalDate today = LocalDate.now(UK);
        if (takenOn == null) errors.add(new Problem.FieldError("takenOn", "is required (YYYY-MM-DD)"));
        else if (takenOn.isAfter(today)) errors.add(new Problem.FieldError("takenOn", "is in the future"));
        errors.addAll(Swemwbs.check(items));
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        boolean hasStart = repository.hasStart(subjectId);
        if ("START".equals(timepoint) && hasStart) {
            throw ProblemException.conflict("start-measured", "Her start measure is recorded already; record this one as LATER.");
        }
        if ("LATER".equals(timepoint) && !hasStart) {
            throw ProblemException.conflict("no-start-measure", "A later measure is compared with her start measure: record that first.");
        }
        int raw = Swemwbs.rawTotal(items);
        WellbeingAnswers answers = new WellbeingAnswers(List.copyOf(items), raw, Swemwbs.metric(raw));
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.insertMeasure(new Measure(id, subjectId, org, timepoint, takenOn, now,
                crypto.encryptRecord(key(subjectId), subjectId, id, WELLBEING, json(answers))), caller.userId());
        audit.record(subjectId, AuditAction.MONITORING_RECORDED, List.of(), Purpose.CASE_COORDINATION, basis, null);
        return new WellbeingView(id, timepoint, takenOn, now, org, answers.items(), raw, answers.metric());
    }

    @Transactional
    public List<WellbeingView> wellbeing(UUID subjectId) {
        UUID org = caller.requireOrganisation();
        AuditBasis basis = requireMayActForHer(subjectId, org);
        byte[] key = key(subjectId);
        List<WellbeingView> out = new ArrayList<>();
        for (Measure m : repository.measures(subjectId)) {
            WellbeingAnswers a = read(crypto.decryptRecord(key, subjectId, m.id(), WELLBEING, m.ciphertext()), WellbeingAnswers.class);
            out.add(new WellbeingView(m.id(), m.timepoint(), m.takenOn(), m.recordedAt(), m.organisationId(), a.items(), a.rawTotal(), a.metric()));
        }
        audit.record(subjectId, AuditAction.MONITORING_READ, List.of(), Purpose.CASE_COORDINATION, basis, null);
        return out;
    }

    @Transactional
    public EqualityView recordEquality(UUID subjectId, EqualityAnswers answers, Boolean sheAgreed) {
        UUID org = caller.requireOrganisation();
        AuditBasis basis = requireMayActForHer(subjectId, org);
        List<Problem.FieldError> errors = new ArrayList<>(agreement(sheAgreed));
        code(errors, "ageBand", answers.ageBand(), EqualityMonitoring.AgeBand.class);
        code(errors, "ethnicGroup", answers.ethnicGroup(), EqualityMonitoring.EthnicGroup.class);
        code(errors, "disability", answers.disability(), EqualityMonitoring.Disability.class);
        code(errors, "children", answers.children(), EqualityMonitoring.Children.class);
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        int version = repository.latestEquality(subjectId).stream().mapToInt(Equality::version).max().orElse(0) + 1;
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.insertEquality(new Equality(id, subjectId, org, version, now,
                crypto.encryptRecord(key(subjectId), subjectId, id, EQUALITY, json(answers))), caller.userId());
        audit.record(subjectId, AuditAction.MONITORING_RECORDED, List.of(), Purpose.CASE_COORDINATION, basis, null);
        return view(answers, version, now, org);
    }

    @Transactional
    public EqualityView equality(UUID subjectId) {
        UUID org = caller.requireOrganisation();
        AuditBasis basis = requireMayActForHer(subjectId, org);
        Equality e = repository.latestEquality(subjectId).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Her equality monitoring"));
        EqualityAnswers a = read(crypto.decryptRecord(key(subjectId), subjectId, e.id(), EQUALITY, e.ciphertext()), EqualityAnswers.class);
        audit.record(subjectId, AuditAction.MONITORING_READ, List.of(), Purpose.CASE_COORDINATION, basis, null);
        return view(a, e.version(), e.recordedAt(), e.organisationId());
    }

    // ---- for the reports (no caller: the report job decrypts, aggregates and forgets) ----

    /** The answers of a measure, or empty when her key is gone (erased: she is no longer counted). */
    Optional<WellbeingAnswers> answers(Measure m, Map<UUID, Optional<byte[]>> keys) {
        return keys.computeIfAbsent(m.subjectId(), subjects::wrappedKey)
                .map(k -> read(crypto.decryptRecord(k, m.subjectId(), m.id(), WELLBEING, m.ciphertext()), WellbeingAnswers.class));
    }

    Optional<EqualityAnswers> answers(Equality e, Map<UUID, Optional<byte[]>> keys) {
        return keys.computeIfAbsent(e.subjectId(), subjects::wrappedKey)
                .map(k -> read(crypto.decryptRecord(k, e.subjectId(), e.id(), EQUALITY, e.ciphertext()), EqualityAnswers.class));
    }

    static Map<UUID, Optional<byte[]>> keyCache() {
        return new LinkedHashMap<>();
    }

    private static EqualityView view(EqualityAnswers a, int version, Instant at, UUID org) {
        return new EqualityView(version, at, org, a.ageBand(), a.ethnicGroup(), a.disability(), a.children());
    }

    private static List<Problem.FieldError> agreement(Boolean sheAgreed) {
        return Boolean.TRUE.equals(sheAgreed) ? List.of()
                : List.of(new Problem.FieldError("sheAgreed", "must be true: recorded only with her agreement"));
    }

    private static void code(List<Problem.FieldError> errors, String field, String value, Class<? extends Enum<?>> type) {
        if (value == null) return; // every question is optional
        for (Enum<?> e : type.getEnumConstants()) {
            if (e.name().equals(value)) return;
        }
        errors.add(new Problem.FieldError(field, "must be one of " + EqualityMonitoring.codes(type)));
    }

    /** Her organisation, or one that has taken up a referral for her; 404 for everyone else. */
    private AuditBasis requireMayActForHer(UUID subjectId, UUID org) {
        Subject s = subjects.find(subjectId).orElseThrow(() -> ProblemException.notFound("The subject"));
        if (s.organisationId().equals(org)) {
            if (!restricted.sees(s)) throw ProblemException.notFound("The subject"); // restricted case (ADR 0032)
            return AuditBasis.OWNER;
        }
        if (referrals.liveReceived(subjectId, org).isPresent()) return AuditBasis.REFERRAL;
        throw ProblemException.notFound("The subject");
    }

    private byte[] key(UUID subjectId) {
        return subjects.wrappedKey(subjectId).orElseThrow(() -> ProblemException.notFound("The subject"));
    }

    private byte[] json(Object o) {
        try {
            return mapper.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not serialise monitoring answers");
        }
    }

    private <T> T read(byte[] plaintext, Class<T> type) {
        try {
            return mapper.readValue(plaintext, type);
        } catch (IOException e) {
            throw new IllegalStateException("monitoring answers are not readable");
        }
    }
}
