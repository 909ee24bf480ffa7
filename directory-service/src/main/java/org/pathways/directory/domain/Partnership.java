package org.pathways.directory.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "partnership")
public class Partnership extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String description;
    @Column(name = "lead_organisation_id")
    public UUID leadOrganisationId;
    /** The reporting calendar (issue 17, item 7; ADR 0076): P3M, P6M... from {@link #reportingAnchor}; null: the default. */
    @Column(name = "reporting_period")
    public String reportingPeriod;
    @Column(name = "reporting_anchor")
    public java.time.LocalDate reportingAnchor;
    @Version
    public long version;
}
