package org.pathways.consent.service;

import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.consent.domain.Times;
import org.pathways.consent.repository.AuditRepository;
import org.pathways.consent.repository.AuditRepository.Action;
import org.pathways.consent.repository.AuditRepository.Entry;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.security.Caller;

/**
 * The one writer of consent-service's access audit (ADRs 0025, 0026): who (user id, organisation, Pathways roles) read
 * what about her (subject, consent, override, partnership ids and an action code), when, and on which basis. Ids and
 * codes only. MANDATORY: the row goes in the read's own transaction, so no row, no answer. Only successful reads are
 * recorded; a refusal is a 404 or a role 403 that reached nothing of hers (ADR 0026).
 */
@ApplicationScoped
public class AccessAudit {

    @Inject
    AuditRepository repository;

    @Inject
    Caller caller;

    @Inject
    AccessPolicy access;

    public record Target(UUID subjectId, UUID consentId, UUID overrideId, UUID partnershipId) {

        public static Target subject(UUID subjectId) {
            return new Target(subjectId, null, null, null);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void read(Action action, Target target, AccessPolicy.ReadBasis basis) {
        String roles = caller.roles().stream().filter(Roles.all()::contains).sorted().collect(Collectors.joining(","));
        repository.insert(new Entry(0, Times.now(), caller.userId(), access.organisationId(), roles, action.name(),
                target.subjectId(), target.consentId(), target.overrideId(), target.partnershipId(), basis.name()));
    }
}
