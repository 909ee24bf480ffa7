package org.pathways.referral.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.repository.AuditRepository;

/**
 * Recomputes the whole audit hash chain and names the first row that does not fit; also says how many committed rows
 * still await the chainer and how old the oldest is (ADR 0038), so a stuck chainer is visible.
 */
@ApplicationScoped
public class AuditVerifier {

    /** Why a row breaks the chain. */
    public enum Break {
        /** The row's content no longer matches its hash: the row was edited. */
        HASH_MISMATCH,
        /** The row does not point at the previous row's hash: a row before it was removed, replaced or reordered. */
        PREVIOUS_HASH_MISMATCH,
        /** A sequence number is missing: a row was deleted. */
        SEQUENCE_GAP,
        /** The chain ends before the recorded head: rows at the end were deleted, or the head was edited. */
        HEAD_MISMATCH
    }

    /**
     * The chain's verdict ({@code valid} covers the chained rows) plus the rows not yet chained: how many, and when the
     * oldest was written (null when none).
     */
    public record Result(boolean valid, long rowsChecked, long headSeq, Long firstBrokenSeq, UUID firstBrokenId, Break reason,
            long unchainedRows, Instant oldestUnchainedAt) {

        Result withBacklog(AuditRepository.Backlog b) {
            return new Result(valid, rowsChecked, headSeq, firstBrokenSeq, firstBrokenId, reason, b.rows(), b.oldest());
        }
    }

    @Inject
    AuditRepository repository;

    @Transactional
    public Result verify() {
        return verifyChain().withBacklog(repository.backlog());
    }

    private Result verifyChain() {
        AuditRepository.Head head = repository.head();
        long[] expectedSeq = { 1 };
        String[] previousHash = { AuditRecord.GENESIS_HASH };
        Result[] broken = { null };
        repository.scan(head.lastSeq(), row -> {
            Break reason = null;
            if (row.seq().longValue() != expectedSeq[0]) {
                reason = Break.SEQUENCE_GAP;
            } else if (!row.prevHash().equals(previousHash[0])) {
                reason = Break.PREVIOUS_HASH_MISMATCH;
            } else if (!row.computeHash(row.prevHash()).equals(row.hash())) {
                reason = Break.HASH_MISMATCH;
            }
            if (reason != null) {
                broken[0] = new Result(false, expectedSeq[0] - 1, head.lastSeq(), row.seq(), row.id(), reason, 0, null);
                return false;
            }
            previousHash[0] = row.hash();
            expectedSeq[0]++;
            return true;
        });
        if (broken[0] != null) return broken[0];
        long checked = expectedSeq[0] - 1;
        if (checked != head.lastSeq() || !previousHash[0].equals(head.lastHash())) {
            return new Result(false, checked, head.lastSeq(), checked + 1, null, Break.HEAD_MISMATCH, 0, null);
        }
        return new Result(true, checked, head.lastSeq(), null, null, null, 0, null);
    }
}
