package org.pathways.referral.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One row of the access audit. Ids and codes only. {@link #computeHash(String)} is the chain's definition:
 * SHA-256 over the previous row's hash and this row's canonical content (each field length-prefixed, fixed order).
 * {@code entryNo} is the insertion order (always set); {@code seq}, {@code prevHash} and {@code hash} stay null until
 * the chainer has placed the row in the chain (ADR 0038). The entry number is not hashed: the chain order is seq.
 */
public record AuditRecord(long entryNo, Long seq, UUID id, Instant occurredAt, String actorUserId, UUID actorOrganisationId,
        String actorRoles, String purpose, UUID subjectId, String categories, String action, String basis,
        String basisRef, String outcome, String prevHash, String hash) {

    public static final String GENESIS_HASH = "0".repeat(64);

    /** The canonical content that the hash covers (every column but the hash itself). */
    public String canonical() {
        if (seq == null || prevHash == null) throw new IllegalStateException("audit row " + entryNo + " is not chained");
        StringBuilder sb = new StringBuilder("pathways-audit-v1\n");
        field(sb, "seq", Long.toString(seq));
        field(sb, "id", id.toString());
        // PostgreSQL keeps microseconds: the instant is truncated to them before it is stored and hashed.
        field(sb, "occurred_at", occurredAt.toString());
        field(sb, "actor_user_id", actorUserId);
        field(sb, "actor_organisation_id", actorOrganisationId == null ? null : actorOrganisationId.toString());
        field(sb, "actor_roles", actorRoles);
        field(sb, "purpose", purpose);
        field(sb, "subject_id", subjectId.toString());
        field(sb, "categories", categories);
        field(sb, "action", action);
        field(sb, "basis", basis);
        field(sb, "basis_ref", basisRef);
        field(sb, "outcome", outcome);
        field(sb, "prev_hash", prevHash);
        return sb.toString();
    }

    public String computeHash(String previousHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row placed in the chain at {@code chainSeq} after the row whose hash is {@code previousHash}, hashed. */
    public AuditRecord chained(long chainSeq, String previousHash) {
        AuditRecord placed = new AuditRecord(entryNo, chainSeq, id, occurredAt, actorUserId, actorOrganisationId, actorRoles,
                purpose, subjectId, categories, action, basis, basisRef, outcome, previousHash, null);
        return placed.withHash(placed.computeHash(previousHash));
    }

    public boolean isChained() {
        return hash != null;
    }

    public AuditRecord withHash(String newHash) {
        return new AuditRecord(entryNo, seq, id, occurredAt, actorUserId, actorOrganisationId, actorRoles, purpose, subjectId,
                categories, action, basis, basisRef, outcome, prevHash, newHash);
    }

    private static void field(StringBuilder sb, String name, String value) {
        // Length-prefixed so no value can imitate a field boundary; null differs from empty.
        sb.append(name).append(':');
        if (value == null) {
            sb.append("-\n");
        } else {
            sb.append(value.length()).append(':').append(value).append('\n');
        }
    }
}
