package org.pathways.referral.service;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.access.AccessRules;
import org.pathways.referral.client.ConsentClient;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.SectionVersion;
import org.pathways.referral.repository.SectionRepository;
import org.pathways.referral.repository.SubjectRepository;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Her summary as the receiving organisation of a referral sees it. While the referral is SENT only the triage sections
 * (NEEDS, COMMUNICATION, SAFE_CONTACT) it shares are in reach; from ACCEPTED every section it shares; at a terminal state
 * nothing. Within reach, consent-service is asked at the moment of every read (purposes REFERRAL and
 * CASE_COORDINATION, never cached) and what it does not permit is withheld with a marker. The contact flags
 * (do not contact, via a named worker only) are always shown. Every read and every withheld section is audited.
 */
@ApplicationScoped
public class SharedSummaryService {

    /** Why a section the referral names is not shown. */
    public enum WithheldReason { NO_CONSENT, AWAITING_ACCEPTANCE }

    public record Withheld(DataCategory category, WithheldReason reason) {
    }

    public record Shown(SubjectSummaryService.Section section, ConsentClient.Basis basis) {
    }

    public record ReceivedSummary(Referral referral, AccessGate.ContactFlags contactFlags, List<Shown> sections, List<Withheld> withheld) {
    }

    @Inject
    SubjectRepository subjects;

    @Inject
    SectionRepository sections;

    @Inject
    AccessGate gate;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    public ReceivedSummary read(UUID referralId) {
        UUID org = caller.requireOrganisation();
        Referral r = gate.referral(referralId, false);
        // Her registering organisation reads her record, also when it is on both sides of an internal referral (ADR 0053);
        // another organisation's internal referral reads through it as any receiver, on consent for the receiving service.
        boolean ownerInternal = r.internal() && subjects.find(r.subjectId()).map(x -> org.equals(x.organisationId())).orElse(false);
        if (ownerInternal || AccessRules.side(org, r.fromOrganisationId(), r.toOrganisationId()) != AccessRules.Side.RECEIVER) {
            throw ProblemException.forbidden("Only the receiving organisation reads her summary through a referral; "
                    + "her own organisation reads it from her record.");
        }
        if (AccessRules.reach(r.state(), DataCategory.SAFE_CONTACT) == AccessRules.Reach.ACCESS_ENDED) {
            // Access ended with the referral: refuse, and keep the refusal in her access log.
            QuarkusTransaction.requiringNew().run(() -> audit.recordDenied(r.subjectId(), AuditAction.REFERRAL_SUMMARY_READ,
                    r.sections(), Purpose.REFERRAL, r.id().toString()));
            throw new ProblemException(Problem.of(403, "access-ended", "Forbidden",
                    "This referral is " + r.state() + ": your organisation's access to her summary through it has ended."));
        }
        Set<DataCategory> inReach = EnumSet.noneOf(DataCategory.class);
        List<Withheld> withheld = new ArrayList<>();
        for (DataCategory c : r.sections().stream().sorted().toList()) {
            if (AccessRules.reach(r.state(), c) == AccessRules.Reach.AWAITING_ACCEPTANCE) {
                withheld.add(new Withheld(c, WithheldReason.AWAITING_ACCEPTANCE));
            } else {
                inReach.add(c);
            }
        }
        Map<DataCategory, ConsentClient.Basis> permitted = gate.consentedToReceiver(r, inReach); // asked now, never cached
        for (DataCategory c : inReach) {
            if (!permitted.containsKey(c)) withheld.add(new Withheld(c, WithheldReason.NO_CONSENT));
        }
        withheld.sort((a, b) -> a.category().compareTo(b.category()));
        return QuarkusTransaction.requiringNew().call(() -> readAndAudit(r, permitted, withheld));
    }

    private ReceivedSummary readAndAudit(Referral r, Map<DataCategory, ConsentClient.Basis> permitted, List<Withheld> withheld) {
        byte[] key = subjects.wrappedKey(r.subjectId()).orElseThrow(() -> ProblemException.notFound("The referral"));
        List<Shown> shown = new ArrayList<>();
        AccessGate.ContactFlags flags = null;
        Map<String, List<DataCategory>> byBasis = new LinkedHashMap<>();
        Map<String, AuditBasis> kinds = new LinkedHashMap<>();
        for (SectionVersion v : sections.latestOfEach(r.subjectId())) {
            boolean show = permitted.containsKey(v.category());
            if (!show && v.category() != DataCategory.SAFE_CONTACT) continue;
            JsonNode content = gate.decrypt(key, v);
            if (v.category() == DataCategory.SAFE_CONTACT) {
                // The flags are shown to every receiver whatever else is shared (docs/domain.md safety rules).
                flags = new AccessGate.ContactFlags(content.path("doNotContact").asBoolean(false),
                        content.path("contactViaNamedWorkerOnly").asBoolean(false),
                        content.hasNonNull("namedWorkerId") ? content.get("namedWorkerId").asText() : null);
            }
            if (!show) continue;
            ConsentClient.Basis basis = permitted.get(v.category());
            shown.add(new Shown(new SubjectSummaryService.Section(v, content), basis));
            byBasis.computeIfAbsent(basis.reference(), k -> new ArrayList<>()).add(v.category());
            kinds.put(basis.reference(), basis.isOverride() ? AuditBasis.OVERRIDE : AuditBasis.CONSENT);
        }
        for (Map.Entry<String, List<DataCategory>> e : byBasis.entrySet()) {
            audit.record(r.subjectId(), AuditAction.REFERRAL_SUMMARY_READ, e.getValue(), Purpose.REFERRAL, kinds.get(e.getKey()),
                    e.getKey());
        }
        List<DataCategory> refused = withheld.stream().map(Withheld::category).toList();
        if (!refused.isEmpty()) {
            audit.recordDenied(r.subjectId(), AuditAction.REFERRAL_SUMMARY_READ, refused, Purpose.REFERRAL, r.id().toString());
        }
        if (byBasis.isEmpty() && refused.isEmpty()) {
            // Nothing shown, nothing refused (she has none of the shared sections yet): the read still counts.
            audit.record(r.subjectId(), AuditAction.REFERRAL_SUMMARY_READ, List.of(), Purpose.REFERRAL, AuditBasis.REFERRAL,
                    r.id().toString());
        }
        return new ReceivedSummary(r, flags, shown, withheld);
    }
}
