package org.pathways.referral.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.pathways.platform.rest.ProblemException;

import io.quarkus.scheduler.Scheduled;

/** Stores each partnership's report as soon as its period closes, whether or not anybody has asked for it yet. */
@ApplicationScoped
public class ReportSnapshots {

    private static final Logger LOG = Logger.getLogger(ReportSnapshots.class);

    @Inject
    ReportService reports;

    @Scheduled(every = "${pathways.reports.snapshot-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshot() {
        try {
            int stored = reports.snapshotLatestClosed(Optional.empty());
            if (stored > 0) {
                LOG.infof("stored %d report snapshot(s) for the latest closed period", stored);
            }
        } catch (ProblemException e) {
            LOG.warn("report snapshots postponed: directory-service unavailable");
        }
    }
}
