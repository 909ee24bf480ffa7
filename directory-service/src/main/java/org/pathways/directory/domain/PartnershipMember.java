package org.pathways.directory.domain;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An organisation's membership of a partnership (an organisation may belong to several). */
@Entity
@Table(name = "partnership_member")
@IdClass(PartnershipMember.Key.class)
public class PartnershipMember extends PanacheEntityBase {

    public enum Role { LEAD, MEMBER, REPORTING }

    @Id
    @Column(name = "partnership_id")
    public UUID partnershipId;
    @Id
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Enumerated(EnumType.STRING)
    @Column(name = "member_role")
    public Role role;
    @Column(name = "joined_on")
    public LocalDate joinedOn;

    public static class Key implements Serializable {
        public UUID partnershipId;
        public UUID organisationId;

        public Key() {
        }

        public Key(UUID partnershipId, UUID organisationId) {
            this.partnershipId = partnershipId;
            this.organisationId = organisationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(partnershipId, k.partnershipId)
                    && Objects.equals(organisationId, k.organisationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(partnershipId, organisationId);
        }
    }
}
