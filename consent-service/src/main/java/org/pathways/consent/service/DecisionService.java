package org.pathways.consent.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.client.DirectoryClient;
import org.pathways.consent.domain.Times;
import org.pathways.consent.repository.DecisionRepository;
import org.pathways.consent.repository.DecisionRepository.Grant;
import org.pathways.consent.rest.Dtos.DecisionRequest;
import org.pathways.consent.rest.Views.Basis;
import org.pathways.consent.rest.Views.DecisionView;
import org.pathways.consent.rest.Views.PermittedCategory;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.platform.rest.ProblemException;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deny by default: a category is permitted only if an ACTIVE consent provision or an APPROVED override names this
 * recipient (or the whole partnership), this purpose and this category, and the moment of the call lies within its
 * period. Read from the database on every call; there is no cache a withdrawal could outlive. RISK gets no special
 * allowance: like every category it is permitted only when a consent or override names it explicitly.
 */
@ApplicationScoped
public class DecisionService {

    @Inject
    DecisionRepository repository;

    @Inject
    MeterRegistry metrics;

    @Inject
    DirectoryClient directory;

    public DecisionView decide(DecisionRequest r) {
        if (!repository.subjectKnown(r.subjectId())) throw ProblemException.notFound("The subject");
        Set<DataCategory> asked = new LinkedHashSet<>(r.categories());
        Map<DataCategory, Basis> permitted = new EnumMap<>(DataCategory.class);
        Boolean member = null; // asked of the directory only when a whole-partnership grant needs it
        for (Grant g : repository.grants(r.subjectId(), r.partnershipId(), r.recipient().organisationId(),
                r.recipient().serviceId(), r.purpose(), asked)) {
            if (g.wholePartnership()) {
                // "The whole partnership" means its sharing members now, as the directory says (ADR 0023); unknown: deny.
                if (member == null) member = directory.isSharingMember(r.recipient().organisationId(), r.partnershipId());
                if (!member) continue;
            }
            // Rows come consent-first, so a consent is named as the basis whenever there is one.
            permitted.putIfAbsent(g.category(), g.override()
                    ? new Basis("OVERRIDE", null, null, g.basisId())
                    : new Basis("CONSENT", g.basisId(), g.version(), null));
        }
        List<PermittedCategory> allowed = new ArrayList<>();
        List<DataCategory> denied = new ArrayList<>();
        for (DataCategory c : asked) {
            Basis b = permitted.get(c);
            if (b != null) allowed.add(new PermittedCategory(c, b));
            else denied.add(c);
        }
        metrics.counter("pathways_consent_decisions_total", "outcome",
                denied.isEmpty() ? "permitted" : allowed.isEmpty() ? "denied" : "partial").increment();
        return new DecisionView(r.subjectId(), r.recipient(), r.purpose(), allowed, denied, Times.now());
    }
}
