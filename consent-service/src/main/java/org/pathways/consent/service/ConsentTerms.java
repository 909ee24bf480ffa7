package org.pathways.consent.service;

import java.util.List;

import org.pathways.consent.domain.Art6Basis;
import org.pathways.consent.domain.Art9Condition;
import org.pathways.consent.domain.ObtainedMethod;
import org.pathways.consent.domain.Provision;

/** The content of one consent version as the worker recorded it with her. */
public record ConsentTerms(List<Provision> provisions, ObtainedMethod obtainedMethod, String language,
                           boolean interpreterUsed, Art6Basis art6Basis, Art9Condition art9Condition,
                           String explanationNote) {
}
