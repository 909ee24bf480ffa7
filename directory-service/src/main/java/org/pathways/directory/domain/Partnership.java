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
    @Version
    public long version;
}
