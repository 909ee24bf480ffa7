package org.pathways.directory.domain;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A partnership's data sharing agreement: who signed it, which version, when it applies. */
@Entity
@Table(name = "data_sharing_agreement")
public class DataSharingAgreement extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "partnership_id")
    public UUID partnershipId;
    public String title;
    @Column(name = "agreement_version")
    public String agreementVersion;
    @Column(name = "starts_on")
    public LocalDate startsOn;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "data_sharing_party", joinColumns = @JoinColumn(name = "agreement_id"))
    @Column(name = "organisation_id")
    public Set<UUID> parties = new LinkedHashSet<>();
    @Version
    public long version;

    public boolean isCurrent(LocalDate today) {
        return !startsOn.isAfter(today) && (endsOn == null || !endsOn.isBefore(today));
    }
}
