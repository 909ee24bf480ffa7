package org.pathways.referral.access;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumSet;
import org.pathways.referral.domain.StatutoryReferral;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessRules.FreeText;
import org.pathways.referral.access.AccessRules.FreeTextDecision;
import org.pathways.referral.access.AccessRules.Side;
import org.pathways.referral.access.AccessRules.SubjectFacts;
import org.pathways.referral.access.AccessRules.Viewer;
import org.pathways.referral.client.ConsentClient;
import org.pathways.referral.client.DirectoryAndConsent;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.QueueEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.SectionVersion;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.repository.SectionRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;
import org.pathways.referral.service.AuditTrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one access gate every read of her data passes through, shaped like HAPI FHIR's consent interceptor
 * (IConsentService): {@link #viewer() start the operation} (who asks, in which organisation, with which roles); may
 * this be seen at all ({@link #ownedSubject}, {@link #referral}: scope and restriction, else 404); what of it may be
 * shown ({@link #consented} — consent-service asked live, never cached — then {@link #freeTexts}, {@link #pathway}:
 * the receiver and state rules and masking); and completion with the audit rows ({@link #audit}). The rules themselves
 * are plain functions in {@link AccessRules}; this bean only gathers the facts for them (ADR 0047).
 */
@ApplicationScoped
public class AccessGate {

    @Inject
    Caller caller;

    @Inject
    SubjectRepository subjects;

    @Inject
    ReferralRepository referrals;

    @Inject
    SectionRepository sections;

    @Inject
    SubjectCrypto crypto;

    @Inject
    DirectoryAndConsent directoryAndConsent;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper mapper;

    // --------------------------------------------------------------------------------------------- start the operation

    /** Who is asking (organisation required). */
    public Viewer viewer() {
        return new Viewer(caller.requireOrganisation(), caller.userId(), caller.roles());
    }

    static SubjectFacts facts(Subject s) {
        return new SubjectFacts(s.organisationId(), s.restricted(), s.leadWorkerId());
    }

    // --------------------------------------------------------------------------------------------------- may it be seen

    /** Whether the caller may know of this subject at all (restriction, ADR 0032); scope is checked by the caller. */
    public boolean sees(Subject s) {
        Optional<UUID> org = caller.organisationId();
        Viewer v = new Viewer(org.orElse(null), caller.userId(), caller.roles());
        return !AccessRules.restrictionHides(v, facts(s));
    }

    /** Her record for her owning organisation (summary, access log, export, her record): 404 for everyone else. */
    public Subject ownedSubject(UUID id, boolean forUpdate) {
        Viewer v = viewer();
        return subjects.findOwned(id, v.organisationId(), forUpdate)
                .filter(s -> AccessRules.owns(v, facts(s)) && !AccessRules.restrictionHides(v, facts(s)))
                .orElseThrow(() -> ProblemException.notFound("The subject"));
    }

    /** A referral for its sending or receiving organisation (restriction applied): 404 for everyone else. */
    public Referral referral(UUID id, boolean forUpdate) {
        Viewer v = viewer();
        return referrals.findForOrganisation(id, v.organisationId(), forUpdate)
                .filter(r -> AccessRules.side(v.organisationId(), r.fromOrganisationId(), r.toOrganisationId()) != Side.NONE)
                .filter(r -> subjects.find(r.subjectId()).map(s -> !AccessRules.restrictionHides(v, facts(s))).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("The referral"));
    }

    // ------------------------------------------------------------------------------------------- what may be shown of it

    /**
     * consent-service's decision now (never cached): the categories permitted to {@code recipient} for any of the
     * purposes, each with the basis it rests on (the first purpose's basis named first).
     */
    public Map<DataCategory, ConsentClient.Basis> consented(UUID subjectId, UUID partnershipId, ConsentClient.Recipient recipient,
            List<Purpose> purposes, Set<DataCategory> categories) {
        Map<DataCategory, ConsentClient.Basis> permitted = new EnumMap<>(DataCategory.class);
        if (categories.isEmpty()) return permitted;
        List<DataCategory> asked = categories.stream().sorted().toList();
        List<ConsentClient.Question> questions = purposes.stream()
                .map(p -> new ConsentClient.Question(subjectId, partnershipId, recipient, p, asked)).toList();
        for (ConsentClient.Answer a : directoryAndConsent.decide(questions)) {
            for (ConsentClient.Permitted p : a.permitted() == null ? List.<ConsentClient.Permitted>of() : a.permitted()) {
                if (categories.contains(p.category())) permitted.putIfAbsent(p.category(), p.basis());
            }
        }
        return permitted;
    }

    /** For the receiver: what her consent permits it now, through this referral (purposes REFERRAL, CASE_COORDINATION). */
    public Map<DataCategory, ConsentClient.Basis> consentedToReceiver(Referral r, Set<DataCategory> categories) {
        return consented(r.subjectId(), r.partnershipId(), new ConsentClient.Recipient(r.toOrganisationId(), r.toServiceId()),
                AccessRules.RECEIVER_PURPOSES, categories);
    }

    /** The contact flags: shown to every receiver whatever else is shared (docs/domain.md safety rules). */
    public record ContactFlags(boolean doNotContact, boolean contactViaNamedWorkerOnly, String namedWorkerId) {
        static ContactFlags of(JsonNode content) {
            return new ContactFlags(content.path("doNotContact").asBoolean(false), content.path("contactViaNamedWorkerOnly").asBoolean(false),
                    content.hasNonNull("namedWorkerId") ? content.get("namedWorkerId").asText() : null);
        }
    }

    /** A referral's free texts as the viewer may see them, and the receiver's contact flags. */
    public record FreeTexts(String note, String safeContactInstructions, ContactFlags contactFlags) {
    }

    /**
     * The referral's note and safe-contact instructions for the caller (in the caller's transaction): the sender always
     * reads its own texts; the receiver reads each only while the referral lives and her consent permits its section now
     * (note: NEEDS, instructions: SAFE_CONTACT). The receiver always gets the contact flags. Audited: one GRANTED row per
     * basis, a DENIED row naming the withheld sections.
     */
    public FreeTexts freeTexts(Referral r) {
        Side side = AccessRules.side(viewer().organisationId(), r.fromOrganisationId(), r.toOrganisationId());
        // An internal referral's texts were written by the organisation reading them (ADR 0053): its own, as a sender's.
        if (r.internal() && side == Side.RECEIVER) side = Side.SENDER;
        Map<FreeText, byte[]> stored = new LinkedHashMap<>();
        if (r.noteCiphertext() != null) stored.put(FreeText.NOTE, r.noteCiphertext());
        if (r.safeContactCiphertext() != null) stored.put(FreeText.SAFE_CONTACT_INSTRUCTIONS, r.safeContactCiphertext());
        Map<DataCategory, ConsentClient.Basis> permitted = Map.of();
        if (side == Side.RECEIVER && !r.state().isTerminal() && !stored.isEmpty()) {
            Set<DataCategory> asked = new HashSet<>();
            stored.keySet().forEach(t -> asked.add(t.category()));
            permitted = consentedToReceiver(r, asked);
        }
        Optional<byte[]> key = subjects.wrappedKey(r.subjectId());
        Map<FreeText, String> shown = new EnumMap<>(FreeText.class);
        Map<String, List<DataCategory>> byBasis = new LinkedHashMap<>();
        Map<String, AuditBasis> kinds = new LinkedHashMap<>();
        List<DataCategory> withheld = new ArrayList<>();
        for (Map.Entry<FreeText, byte[]> e : stored.entrySet()) {
            FreeTextDecision d = AccessRules.freeText(side, r.state(), e.getKey(), permitted.keySet());
            if (!d.shown()) {
                withheld.add(e.getKey().category());
                continue;
            }
            if (key.isEmpty()) continue; // erased: nothing left to show
            shown.put(e.getKey(), new String(crypto.decryptReferralText(key.get(), r.subjectId(), r.id(), field(e.getKey()), e.getValue()),
                    StandardCharsets.UTF_8));
            if (d == FreeTextDecision.SHOWN_CONSENT) {
                ConsentClient.Basis b = permitted.get(e.getKey().category());
                byBasis.computeIfAbsent(b.reference(), k -> new ArrayList<>()).add(e.getKey().category());
                kinds.put(b.reference(), b.isOverride() ? AuditBasis.OVERRIDE : AuditBasis.CONSENT);
            }
        }
        // The audit: the sender's read of its own texts rests on the referral; the receiver's on each basis.
        if (side == Side.SENDER && !shown.isEmpty()) {
            audit.record(r.subjectId(), AuditAction.REFERRAL_READ, List.of(), Purpose.REFERRAL, AuditBasis.REFERRAL, r.id().toString());
        }
        for (Map.Entry<String, List<DataCategory>> e : byBasis.entrySet()) {
            audit.record(r.subjectId(), AuditAction.REFERRAL_READ, e.getValue(), Purpose.REFERRAL, kinds.get(e.getKey()), e.getKey());
        }
        if (!withheld.isEmpty()) {
            audit.recordDenied(r.subjectId(), AuditAction.REFERRAL_READ, withheld, Purpose.REFERRAL, r.id().toString());
        }
        ContactFlags flags = side == Side.RECEIVER && key.isPresent() ? contactFlags(key.get(), r.subjectId()) : null;
        return new FreeTexts(shown.get(FreeText.NOTE), shown.get(FreeText.SAFE_CONTACT_INSTRUCTIONS), flags);
    }

    /** A statutory referral's details as the viewer may see them (ADR 0091); a withheld field is null, listed in withheld. */
    public record StatutoryDetail(StatutoryReferral.Kind kind, StatutoryReferral.DashLevel dashLevel,
            StatutoryReferral.MaracCriterion criterion, String safeContactTimes, List<DataCategory> withheld) {
    }

    /**
     * A statutory referral's details for its sender (always) or receiver: the kind always; the DASH level and criterion
     * only while her consent or an approved override lets the receiver see RISK now, the safe contact times only while
     * it may see SAFE_CONTACT now — whatever the referral's state before it ends (the MARAC coordinator triages on
     * them), and neither once it ended. Audited as the referral's free texts: GRANTED per basis, DENIED for withheld.
     */
    public StatutoryDetail statutoryDetail(Referral r, StatutoryReferral s) {
        Side side = AccessRules.side(viewer().organisationId(), r.fromOrganisationId(), r.toOrganisationId());
        Set<DataCategory> stored = EnumSet.noneOf(DataCategory.class);
        if (s.dashLevel() != null) stored.add(DataCategory.RISK);
        if (s.safeContactTimes() != null) stored.add(DataCategory.SAFE_CONTACT);
        Map<DataCategory, ConsentClient.Basis> permitted = Map.of();
        if (side == Side.RECEIVER && !r.state().isTerminal() && !stored.isEmpty()) permitted = consentedToReceiver(r, stored);
        Set<DataCategory> shown = EnumSet.noneOf(DataCategory.class);
        List<DataCategory> withheld = new ArrayList<>();
        for (DataCategory c : stored) {
            if (side == Side.SENDER || permitted.containsKey(c)) shown.add(c);
            else withheld.add(c);
        }
        String times = null;
        if (shown.contains(DataCategory.SAFE_CONTACT)) {
            Optional<byte[]> key = subjects.wrappedKey(r.subjectId());
            if (key.isPresent()) {
                times = new String(crypto.decryptReferralText(key.get(), r.subjectId(), r.id(), StatutoryReferral.SAFE_CONTACT_TIMES,
                        s.safeContactTimes()), StandardCharsets.UTF_8);
            }
        }
        if (side == Side.SENDER && !shown.isEmpty()) {
            audit.record(r.subjectId(), AuditAction.REFERRAL_READ, List.copyOf(shown), Purpose.REFERRAL, AuditBasis.REFERRAL,
                    r.id().toString());
        } else if (!shown.isEmpty()) {
            Map<String, List<DataCategory>> byBasis = new LinkedHashMap<>();
            Map<String, AuditBasis> kinds = new LinkedHashMap<>();
            for (DataCategory c : shown) {
                ConsentClient.Basis b = permitted.get(c);
                byBasis.computeIfAbsent(b.reference(), k -> new ArrayList<>()).add(c);
                kinds.put(b.reference(), b.isOverride() ? AuditBasis.OVERRIDE : AuditBasis.CONSENT);
            }
            byBasis.forEach((ref, cats) -> audit.record(r.subjectId(), AuditAction.REFERRAL_READ, cats, Purpose.REFERRAL, kinds.get(ref), ref));
        }
        if (!withheld.isEmpty()) {
            audit.recordDenied(r.subjectId(), AuditAction.REFERRAL_READ, withheld, Purpose.REFERRAL, r.id().toString());
        }
        boolean risk = shown.contains(DataCategory.RISK);
        return new StatutoryDetail(s.kind(), risk ? s.dashLevel() : null, risk ? s.criterion() : null, times, withheld);
    }

    /** The encryption's associated-data name of each free text (kept as referral-service has always stored them). */
    public static String field(FreeText t) {
        return t == FreeText.NOTE ? "note" : "safe-contact";
    }

    /** Her contact flags from her latest SAFE_CONTACT section (null if she has none). */
    public ContactFlags contactFlags(byte[] key, UUID subjectId) {
        return sections.latest(subjectId, DataCategory.SAFE_CONTACT).map(v -> ContactFlags.of(decrypt(key, v))).orElse(null);
    }

    public JsonNode decrypt(byte[] key, SectionVersion v) {
        byte[] plaintext = crypto.decryptSection(key, v.subjectId(), v.category(), v.version(), v.ciphertext());
        try {
            return mapper.readTree(plaintext);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a decrypted section is not JSON");
        }
    }

    // ----------------------------------------------------------------------------------------------------- pathways

    /** What the viewer may see of her pathway: the ids of the steps shown, and the consent basis of each consented one. */
    public record PathwaySight(Set<UUID> shown, Map<UUID, ConsentClient.Basis> consented, List<UUID> masked) {
    }

    /**
     * Which steps of her pathway the viewer sees (ADR 0046): her registering organisation all; others their own
     * referrals, and another organisation's step only while her consent lets the viewer see NEEDS for CASE_COORDINATION
     * (asked now, one question per partnership).
     */
    public PathwaySight pathway(UUID viewerOrganisation, UUID owner, UUID subjectId, List<QueueEntry> steps) {
        Map<UUID, Boolean> coveredByPartnership = new LinkedHashMap<>();
        Map<UUID, ConsentClient.Basis> basisByPartnership = new LinkedHashMap<>();
        Set<UUID> shown = new HashSet<>();
        Map<UUID, ConsentClient.Basis> consented = new LinkedHashMap<>();
        List<UUID> masked = new ArrayList<>();
        for (QueueEntry e : steps) {
            boolean covered = false;
            if (AccessRules.stepNeedsConsent(viewerOrganisation, owner, e.fromOrganisationId(), e.toOrganisationId())) {
                covered = coveredByPartnership.computeIfAbsent(e.partnershipId(), p -> {
                    ConsentClient.Basis b = consented(subjectId, p, new ConsentClient.Recipient(viewerOrganisation, null),
                            List.of(AccessRules.PATHWAY_PURPOSE), Set.of(AccessRules.PATHWAY_CATEGORY)).get(AccessRules.PATHWAY_CATEGORY);
                    if (b != null) basisByPartnership.put(p, b);
                    return b != null;
                });
            }
            switch (AccessRules.step(viewerOrganisation, owner, e.fromOrganisationId(), e.toOrganisationId(), covered)) {
                case OWNER, OWN_STEP -> shown.add(e.id());
                case CONSENTED -> {
                    shown.add(e.id());
                    consented.put(e.id(), basisByPartnership.get(e.partnershipId()));
                }
                case MASKED -> masked.add(e.id());
            }
        }
        return new PathwaySight(shown, consented, masked);
    }

    // ------------------------------------------------------------------------------------------ complete: the audit

    /** The audit of a pathway read that rested on her consent: GRANTED per basis, DENIED when steps were masked. */
    public void auditPathway(UUID subjectId, UUID pathwayId, PathwaySight sight) {
        Map<String, AuditBasis> kinds = new LinkedHashMap<>();
        for (ConsentClient.Basis b : sight.consented().values()) kinds.put(b.reference(), b.isOverride() ? AuditBasis.OVERRIDE : AuditBasis.CONSENT);
        for (Map.Entry<String, AuditBasis> e : kinds.entrySet()) {
            audit.record(subjectId, AuditAction.PATHWAY_READ, List.of(AccessRules.PATHWAY_CATEGORY), AccessRules.PATHWAY_PURPOSE,
                    e.getValue(), e.getKey());
        }
        if (!sight.masked().isEmpty()) {
            audit.recordDenied(subjectId, AuditAction.PATHWAY_READ, List.of(AccessRules.PATHWAY_CATEGORY), AccessRules.PATHWAY_PURPOSE,
                    pathwayId.toString());
        }
    }

    /** The audit trail itself, for the reads that record their own rows through the gate. */
    public AuditTrail audit() {
        return audit;
    }
}
