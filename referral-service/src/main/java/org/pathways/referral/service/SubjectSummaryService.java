package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.SectionVersion;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.domain.section.SectionContent;
import org.pathways.referral.repository.SectionRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;
import org.pathways.referral.security.IdentityHasher;
import org.pathways.referral.repository.EngagementRepository;
import org.pathways.referral.domain.report.IdentityNormaliser;
import org.pathways.referral.domain.section.Identity;
import org.pathways.referral.domain.section.Needs;
import org.pathways.referral.domain.section.NeedsOutcomes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shared case summary as her own organisation sees it: sections written one at a time, every version kept,
 * encrypted under her data key, and every read and write audited in the same transaction.
 */
@ApplicationScoped
public class SubjectSummaryService {

    /** A decrypted section version. */
    public record Section(SectionVersion meta, JsonNode content) {
    }

    @Inject
    SubjectService subjectService;

    @Inject
    SubjectRepository subjects;

    @Inject
    SectionRepository sections;

    @Inject
    SubjectCrypto crypto;

    @Inject
    AuditTrail audit;

    @Inject
    EngagementRepository engagements;

    @Inject
    IdentityHasher identityHasher;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    /**
     * Writes a new version of one section. {@code expectedVersion} (If-Match) refuses a write based on a stale read;
     * 0 means "only if the section does not exist yet".
     */
    @Transactional
    public SectionVersion write(UUID subjectId, DataCategory category, SectionContent content, Integer expectedVersion) {
        Subject subject = subjectService.requireOwned(subjectId, true); // row lock: one writer per subject at a time
        int current = sections.currentVersion(subjectId, category);
        if (expectedVersion != null && expectedVersion != current) {
            throw ProblemException.conflict("stale-version", "The section is at version " + current
                    + ", not the version you read; read it again and retry.");
        }
        SectionVersion stored = insertVersion(subject, category, content, current + 1, caller.userId(), caller.requireOrganisation());
        if (content instanceof Identity identity) {
            // For counting unduplicated people only (docs/reports.md): a keyed hash, never a lookup key.
            engagements.setIdentityHash(subjectId, IdentityNormaliser.canonical(identity.name(), identity.dateOfBirth())
                    .map(identityHasher::hash).orElse(null), stored.createdAt());
        }
        audit.record(subjectId, AuditAction.SECTION_WRITTEN, List.of(category), Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        return stored;
    }

    /**
     * A completed referral's outcomes reach her NEEDS section (issue 17, item 6; ADR 0066): a new version, attributed to
     * the user and organisation that recorded the completion (the receiver, who need not be able to read the section:
     * nothing is returned to it). Her data erased (no key): nothing to update. Part of the completion's transaction.
     */
    @Transactional
    public void recordOutcomes(UUID subjectId, java.util.Map<String, org.pathways.contracts.vocab.NeedOutcome> outcomes, UUID referralId) {
        if (outcomes == null || outcomes.isEmpty()) return;
        Subject subject = subjects.find(subjectId).flatMap(s -> subjects.findOwned(subjectId, s.organisationId(), true)).orElse(null);
        if (subject == null) return;
        java.util.Optional<byte[]> key = subjects.wrappedKey(subjectId);
        if (key.isEmpty()) return;
        Needs current = null;
        java.util.Optional<SectionVersion> latest = sections.latest(subjectId, DataCategory.NEEDS);
        if (latest.isPresent()) {
            try {
                current = mapper.treeToValue(decrypt(key.get(), latest.get()).content(), Needs.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored NEEDS section does not read as NEEDS");
            }
        }
        Needs next = NeedsOutcomes.apply(current, outcomes);
        int version = latest.map(SectionVersion::version).orElse(0) + 1;
        byte[] plaintext;
        try {
            plaintext = mapper.writeValueAsBytes(next);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a section");
        }
        byte[] ciphertext = crypto.encryptSection(key.get(), subjectId, DataCategory.NEEDS, version, plaintext);
        sections.insert(new SectionVersion(subjectId, DataCategory.NEEDS, version, ciphertext, caller.userId(),
                caller.requireOrganisation(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        audit.record(subjectId, AuditAction.SECTION_WRITTEN, List.of(DataCategory.NEEDS), Purpose.REFERRAL, AuditBasis.REFERRAL,
                referralId.toString());
    }

    @Transactional
    public Section read(UUID subjectId, DataCategory category) {
        Subject subject = subjectService.requireOwned(subjectId, false);
        SectionVersion v = sections.latest(subjectId, category).orElseThrow(() -> ProblemException.notFound("The section"));
        Section section = decrypt(key(subject), v);
        audit.record(subjectId, AuditAction.SECTION_READ, List.of(category), Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        return section;
    }

    @Transactional
    public Section readVersion(UUID subjectId, DataCategory category, int version) {
        Subject subject = subjectService.requireOwned(subjectId, false);
        SectionVersion v = sections.version(subjectId, category, version).orElseThrow(() -> ProblemException.notFound("The section version"));
        Section section = decrypt(key(subject), v);
        audit.record(subjectId, AuditAction.SECTION_VERSION_READ, List.of(category), Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        return section;
    }

    /** Version history of one section: who wrote which version when, without content (not audited: no content). */
    @Transactional
    public List<SectionVersion> history(UUID subjectId, DataCategory category) {
        subjectService.requireOwned(subjectId, false);
        return sections.history(subjectId, category);
    }

    /** The latest version of every section she has. */
    @Transactional
    public List<Section> summary(UUID subjectId) {
        Subject subject = subjectService.requireOwned(subjectId, false);
        List<Section> out = new ArrayList<>();
        List<DataCategory> categories = new ArrayList<>();
        List<SectionVersion> latest = sections.latestOfEach(subjectId);
        byte[] key = key(subject); // erased (no key): 404 even though nothing is left to decrypt
        for (SectionVersion v : latest) {
            out.add(decrypt(key, v));
            categories.add(v.category());
        }
        audit.record(subjectId, AuditAction.SUMMARY_READ, categories, Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        return out;
    }

    /**
     * The first version of a section of a woman who asked for help herself (ADR 0089), written by this section writer
     * (encrypted under her key) in the self-referral's transaction; attributed to her request, audited by the caller.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SectionVersion writeSelfReferred(Subject subject, DataCategory category, SectionContent content, String actor) {
        return insertVersion(subject, category, content, sections.currentVersion(subject.id(), category) + 1, actor,
                subject.organisationId());
    }

    private SectionVersion insertVersion(Subject subject, DataCategory category, SectionContent content, int version, String actor,
            java.util.UUID organisation) {
        byte[] plaintext;
        try {
            plaintext = mapper.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a section");
        }
        byte[] ciphertext = crypto.encryptSection(key(subject), subject.id(), category, version, plaintext);
        SectionVersion stored = new SectionVersion(subject.id(), category, version, ciphertext, actor, organisation,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        sections.insert(stored);
        return stored;
    }

    private byte[] key(Subject subject) {
        // No key: her data was erased (crypto-shredded). Nothing can be read or written any more.
        return subjects.wrappedKey(subject.id()).orElseThrow(() -> ProblemException.notFound("The subject"));
    }

    private Section decrypt(byte[] key, SectionVersion v) {
        byte[] plaintext = crypto.decryptSection(key, v.subjectId(), v.category(), v.version(), v.ciphertext());
        try {
            return new Section(v, mapper.readTree(plaintext));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a decrypted section is not JSON");
        }
    }
}
