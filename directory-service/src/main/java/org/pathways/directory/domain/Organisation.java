package org.pathways.directory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A member (or reporting partner) organisation. Its id is the {@code org} claim of its staff's tokens. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String description;
    public String email;
    public String website;
    public String phone;
    @Enumerated(EnumType.STRING)
    public Nation nation;
    /** The organisation-level fallback SPOC (null: none). */
    @Embedded
    public Spoc spoc;
    /** Whether the organisation publishes its services' capacity in the open feed. */
    @Column(name = "capacity_public")
    public boolean capacityPublic;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /** The organisation whose import created this one (null: created otherwise); see ADR 0015. */
    @Column(name = "imported_by_organisation_id")
    public UUID importedByOrganisationId;
    /** VOLUNTARY (a member or reporting partner) or STATUTORY (receives referrals outside any agreement, ADR 0091). */
    @Enumerated(EnumType.STRING)
    public Kind kind = Kind.VOLUNTARY;
    /** A statutory partner's role; null for a voluntary organisation. */
    @Enumerated(EnumType.STRING)
    @Column(name = "statutory_role")
    public StatutoryRole statutoryRole;
    @Version
    public long version;

    public enum Kind {
        VOLUNTARY, STATUTORY
    }

    public boolean statutory() {
        return kind == Kind.STATUTORY;
    }
}
