package org.pathways.referral.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.repository.AuditRepository;

/** The person's access log: every read and change of her data, for her organisation to show her. */
@ApplicationScoped
public class AccessLogService {

    @Inject
    SubjectService subjects;

    @Inject
    AuditRepository audit;

    @Transactional
    public List<AuditRecord> forSubject(UUID subjectId, long afterEntry, int limit) {
        subjects.requireOwned(subjectId, false);
        return audit.forSubject(subjectId, afterEntry, limit);
    }
}
