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
        root.set("noServiceFound", mapper.valueToTree(access.rows("no_service_found", subjectId)));
        root.set("consents", consentsOf(subjectId, authorization));
        root.set("accessLog", mapper.valueToTree(auditRows.forSubject(subjectId, 0, Integer.MAX_VALUE)));

        audit.record(subjectId, AuditAction.SUBJECT_ACCESS_EXPORTED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        return root;
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
