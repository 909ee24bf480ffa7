package org.pathways.directory.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A contact of an organisation or of one of its services. Only public contacts appear in the open feed. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "service_id")
    public UUID serviceId;
    public String name;
    public String title;
    public String email;
    public String phone;
    @Column(name = "public")
    public boolean isPublic;
    @Version
    public long version;
}
