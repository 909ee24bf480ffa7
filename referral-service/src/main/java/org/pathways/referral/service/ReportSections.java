package org.pathways.referral.service;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.referral.domain.SectionVersion;
import org.pathways.referral.repository.SectionRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Her latest section of one category, decrypted for a report's count only (ADRs 0074, 0096): nobody sees it, so no
 * access-audit row. Empty when she has no such section, her key is gone (erased) or it cannot be read as {@code type}.
 */
@ApplicationScoped
public class ReportSections {

    @Inject
    SectionRepository sections;

    @Inject
    SubjectRepository subjects;

    @Inject
    SubjectCrypto crypto;

    @Inject
    ObjectMapper mapper;

    <T> Optional<T> latest(UUID subject, DataCategory category, Class<T> type) {
        Optional<byte[]> key = subjects.wrappedKey(subject);
        Optional<SectionVersion> v = sections.latest(subject, category);
        if (key.isEmpty() || v.isEmpty()) return Optional.empty();
        try {
            return Optional.of(mapper.readValue(crypto.decryptSection(key.get(), subject, category, v.get().version(), v.get().ciphertext()),
                    type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
