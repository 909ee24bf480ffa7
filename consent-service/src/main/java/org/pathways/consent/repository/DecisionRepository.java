package org.pathways.consent.repository;

import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.Array;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.repository.Jdbc;

/**
 * The decision lookup: one statement over the two partial indexes (active provisions, active override scopes),
 * evaluated against the database clock at the moment of the call. Nothing is cached.
 */
@ApplicationScoped
public class DecisionRepository {

    /** Consent rows first, so a category permitted by both names the consent as its basis. */
    private static final String SQL = """
            select category, 0 as kind, consent_id as basis_id, version, recipient_type = 'PARTNERSHIP' as whole from consent_provision
             where subject_id = ? and partnership_id = ? and purpose = ? and active
               and valid_from <= now() and valid_until > now() and category = any (?)
               and ((recipient_type = 'ORGANISATION' and recipient_id = ?) or (recipient_type = 'SERVICE' and recipient_id = ?)
                    or recipient_type = 'PARTNERSHIP')
            union all
            select category, 1 as kind, override_id as basis_id, null, recipient_type = 'PARTNERSHIP' as whole from override_scope
             where subject_id = ? and partnership_id = ? and purpose = ? and active
               and valid_until > now() and category = any (?)
               and ((recipient_type = 'ORGANISATION' and recipient_id = ?) or (recipient_type = 'SERVICE' and recipient_id = ?)
                    or recipient_type = 'PARTNERSHIP')
            order by kind, basis_id, version desc
            """;

    /** {@code wholePartnership}: granted to the whole partnership, so it holds only for its (sharing) members. */
    public record Grant(DataCategory category, boolean override, UUID basisId, Integer version, boolean wholePartnership) {
    }

    @Inject
    Jdbc jdbc;

    public List<Grant> grants(UUID subjectId, UUID partnershipId, UUID organisationId, UUID serviceId, Purpose purpose,
                              Collection<DataCategory> categories) {
        return jdbc.query(SQL, ps -> {
            Array cats = ps.getConnection().createArrayOf("text", categories.stream().map(Enum::name).toArray());
            for (int base : new int[] {0, 6}) {
                ps.setObject(base + 1, subjectId);
                ps.setObject(base + 2, partnershipId);
                ps.setString(base + 3, purpose.name());
                ps.setArray(base + 4, cats);
                ps.setObject(base + 5, organisationId);
                ps.setObject(base + 6, serviceId);
            }
        }, rs -> new Grant(DataCategory.valueOf(rs.getString("category")), rs.getInt("kind") == 1,
                uuid(rs, "basis_id"), (Integer) rs.getObject("version"), rs.getBoolean("whole")));
    }

    /** True if the subject is known and not erased. */
    public boolean subjectKnown(UUID subjectId) {
        return jdbc.one("select 1 from subject where id = ? and erased_at is null", ps -> ps.setObject(1, subjectId), rs -> true)
                .isPresent();
    }
}
