package org.pathways.consent.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.consent.repository.AuditRepository;
import org.pathways.consent.repository.AuditRepository.Action;
import org.pathways.consent.repository.AuditRepository.Entry;

/** "Who looked at her consent?": her access audit, for privacy officers of the organisation that registered her. */
@ApplicationScoped
public class AccessLogService {

    @Inject
    AccessPolicy access;

    @Inject
    AuditRepository repository;

    @Inject
    AccessAudit audit;

    /**
     * A page of her entries, newest first. The page is read before this read is recorded, so it shows what was there
     * when the officer looked; her next page (or next look) shows the ACCESS_LOG_READ row itself.
     */
    @Transactional
    public List<Entry> page(UUID subjectId, long beforeEntry, int limit) {
        access.requireRegisteringOrganisation(subjectId);
        List<Entry> entries = repository.forSubject(subjectId, beforeEntry, limit);
        audit.read(Action.ACCESS_LOG_READ, AccessAudit.Target.subject(subjectId), AccessPolicy.ReadBasis.ORGANISATION);
        return entries;
    }
}
