package org.pathways.referral.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.pathways.referral.repository.ErasureRepository;

/**
 * What else happens, in the erasing transaction, before her key is destroyed: the latest closed period's reports are
 * stored first (so erasing her never changes a published figure), and the referral free texts and signpost labels
 * tied to her are removed (they are already unreadable without her key; the rows go too).
 */
@ApplicationScoped
public class ErasureCascade {

    @Inject
    ReportService reports;

    @Inject
    ErasureRepository repository;

    void onErasing(@Observes ErasureService.Erasing erasing) {
        reports.snapshotLatestClosed(Optional.of(erasing.organisationId()));
        repository.shredReferralTexts(erasing.subjectId());
    }
}
