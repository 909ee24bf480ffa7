package org.pathways.referral.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.client.ConsentRecords;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.SectionVersion;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.AuditRepository;
import org.pathways.referral.repository.ErasureRepository;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.repository.SectionRepository;
import org.pathways.referral.repository.SubjectAccessRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Subject access request (UK GDPR Art. 15): everything Pathways holds about one person, for a privacy officer of her
 * organisation to give her: every version of every summary section, her referrals with their notes and histories,
 * signposts and unmet needs, her consents (from consent-service, read with the officer's own token) and her access log.
 */
@ApplicationScoped
public class SubjectAccessService {

    private static final Logger LOG = Logger.getLogger(SubjectAccessService.class);

    @Inject
    SubjectService subjects;

    @Inject
    SubjectRepository subjectRepository;

    @Inject
    SectionRepository sections;

    @Inject
    ReferralRepository referrals;

    @Inject
    SubjectAccessRepository access;

    @Inject
    org.pathways.referral.repository.StatutoryReferralRepository statutoryReferrals;

    @Inject
    AuditRepository auditRows;

    @Inject
    ErasureRepository erasure;

    @Inject
    SubjectCrypto crypto;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    @RestClient
    ConsentRecords consents;

    @Transactional
    public ObjectNode export(UUID subjectId, String authorization) {
        Subject subject = subjects.requireOwned(subjectId, false);
        Optional<byte[]> key = subjectRepository.wrappedKey(subjectId);
        ObjectNode root = mapper.createObjectNode();
        root.put("exportedAt", Instant.now().toString());
        root.put("exportedBy", caller.userId());
        ObjectNode s = root.putObject("subject");
        s.put("id", subject.id().toString());
        s.put("organisationId", subject.organisationId().toString());
        s.put("leadWorkerId", subject.leadWorkerId());
        s.put("restricted", subject.restricted());
        s.put("registeredAt", subject.registeredAt().toString());
        s.put("erased", erasure.isErased(subjectId));

        ArrayNode summary = root.putArray("summary");
        for (SubjectAccessRepository.SectionRef ref : access.sectionVersions(subjectId)) {
            DataCategory category = DataCategory.fromCode(ref.category());
            SectionVersion v = sections.version(subjectId, category, ref.version()).orElseThrow();
            ObjectNode n = summary.addObject();
            n.put("category", category.code());
            n.put("version", v.version());
            n.put("authorId", v.authorId());
            n.put("authorOrganisationId", v.authorOrganisationId().toString());
            n.put("createdAt", v.createdAt().toString());
            if (key.isPresent()) {
                try {
                    n.set("content", mapper.readTree(crypto.decryptSection(key.get(), subjectId, category, v.version(), v.ciphertext())));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("a decrypted section is not JSON");
                }
            }
        }

        ArrayNode refs = root.putArray("referrals");
        for (UUID id : access.referralIds(subjectId)) {
            Referral r = referrals.find(id).orElseThrow();
            ObjectNode n = mapper.valueToTree(r);
            n.remove("noteCiphertext");
            n.remove("safeContactCiphertext");
            if (key.isPresent()) {
                n.put("note", text(key.get(), r, ReferralService.NOTE, r.noteCiphertext()));
                n.put("safeContactInstructions", text(key.get(), r, ReferralService.SAFE_CONTACT, r.safeContactCiphertext()));
            }
            n.set("history", mapper.valueToTree(referrals.history(id)));
            // What happened around the referral: her support period and its extensions, challenges, costs, informal support.
            n.set("supportPeriod", mapper.valueToTree(access.rows("support_period", id)));
            n.set("supportExtensions", mapper.valueToTree(access.rows("support_extension", id)));
            n.set("challenges", mapper.valueToTree(access.rows("referral_challenge", id)));
            n.set("costs", mapper.valueToTree(access.rows("referral_cost", id)));
            n.set("informalSupport", mapper.valueToTree(access.rows("referral_informal_support", id)));
            n.set("assignment", mapper.valueToTree(access.rows("referral_assignment", id)));
            // A referral to a statutory partner (ADR 0091): its kind, DASH level, criterion and safe contact times.
            statutoryReferrals.find(id).ifPresent(sr -> {
                ObjectNode st = n.putObject("statutory");
                st.put("kind", sr.kind().name());
                st.put("dashLevel", sr.dashLevel() == null ? null : sr.dashLevel().name());
                st.put("criterion", sr.criterion() == null ? null : sr.criterion().name());
                if (key.isPresent()) {
                    st.put("safeContactTimes", text(key.get(), r, org.pathways.referral.domain.StatutoryReferral.SAFE_CONTACT_TIMES,
                            sr.safeContactTimes()));
                }
            });
            refs.add(n);
        }
        ArrayNode signposts = root.putArray("signposts");
        Map<String, SubjectAccessRepository.SignpostText> texts = new HashMap<>();
        for (SubjectAccessRepository.SignpostText t : access.signpostTexts(subjectId)) texts.put(t.id().toString(), t);
        for (Map<String, Object> row : access.rows("signpost", subjectId)) {
            ObjectNode n = mapper.valueToTree(row);
            SubjectAccessRepository.SignpostText t = texts.get(String.valueOf(row.get("id")));
            String text = t == null ? null : t.clear();
            if (t != null && t.ciphertext() != null && key.isPresent()) {
                text = new String(crypto.decryptReferralText(key.get(), subjectId, t.id(), OutcomeService.SIGNPOST_TEXT, t.ciphertext()),
                        StandardCharsets.UTF_8);
            }
            n.put("external_organisation", text);
            signposts.add(n);
        }
        root.set("selfReferrals", mapper.valueToTree(access.rows("self_referral", subjectId))); // her own requests (ADR 0089)
        root.set("noServiceFound", mapper.valueToTree(access.rows("no_service_found", subjectId)));
        root.set("engagements", mapper.valueToTree(access.rows("engagement", subjectId)));
        root.set("erasureRequests", mapper.valueToTree(access.rows("erasure_request", subjectId)));
        root.set("contacts", mapper.valueToTree(access.rows("subject_contact", subjectId)));
        root.set("team", mapper.valueToTree(access.rows("subject_team_member", subjectId)));
        ArrayNode meetings = root.putArray("meetings");
        List<SubjectAccessRepository.Sealed> actions = access.meetingActions(subjectId);
        for (Map<String, Object> row : access.rows("meeting_case", subjectId)) {
            ObjectNode n = mapper.valueToTree(row);
            ArrayNode agreed = n.putArray("actions");
            for (SubjectAccessRepository.Sealed a : actions) {
                if (!a.parentId().toString().equals(String.valueOf(row.get("meeting_id")))) continue;
                ObjectNode an = agreed.addObject();
                an.put("id", a.id().toString());
                an.setAll((ObjectNode) mapper.valueToTree(a.clear()));
                if (key.isPresent()) {
                    an.put("text", new String(crypto.decryptMeetingText(key.get(), subjectId, a.parentId(), a.id(), a.ciphertext()),
                            StandardCharsets.UTF_8));
                }
            }
            meetings.add(n);
        }
        root.set("wellbeingMeasures", records(access.wellbeingMeasures(subjectId), key, subjectId, MonitoringService.WELLBEING));
        root.set("equalityMonitoring", records(access.equalityMonitoring(subjectId), key, subjectId, MonitoringService.EQUALITY));
        root.set("consents", consentsOf(subjectId, authorization));
        root.set("accessLog", mapper.valueToTree(auditRows.forSubject(subjectId, 0, Integer.MAX_VALUE)));

        audit.record(subjectId, AuditAction.SUBJECT_ACCESS_EXPORTED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        return root;
    }

    // Monitoring records: clear columns, and the answers decrypted under her key (absent once she is erased).
    private ArrayNode records(List<SubjectAccessRepository.Sealed> sealed, Optional<byte[]> key, UUID subjectId, String kind) {
        ArrayNode out = mapper.createArrayNode();
        for (SubjectAccessRepository.Sealed r : sealed) {
            ObjectNode n = out.addObject();
            n.put("id", r.id().toString());
            n.setAll((ObjectNode) mapper.valueToTree(r.clear()));
            if (key.isPresent()) {
                try {
                    n.set("answers", mapper.readTree(crypto.decryptRecord(key.get(), subjectId, r.id(), kind, r.ciphertext())));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("a decrypted monitoring record is not JSON");
                }
            }
        }
        return out;
    }

    private String text(byte[] key, Referral r, String field, byte[] ciphertext) {
        return ciphertext == null ? null
                : new String(crypto.decryptReferralText(key, r.subjectId(), r.id(), field, ciphertext), StandardCharsets.UTF_8);
    }

    /** Her consents as consent-service shows them to this officer; a marker (never a failed export) if it cannot. */
    private JsonNode consentsOf(UUID subjectId, String authorization) {
        ObjectNode unavailable = mapper.createObjectNode();
        try {
            return consents.consents(subjectId, authorization);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            unavailable.put("unavailable", status == 404 ? "consent-service holds no consent records for her" : "consent-service answered " + status);
        } catch (ProcessingException e) {
            LOG.warnf("consent-service unavailable for a subject access export: %s", e.getClass().getName());
            unavailable.put("unavailable", "consent-service did not answer; export again later for her consents");
        }
        return unavailable;
    }
}
