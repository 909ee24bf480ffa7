package org.pathways.directory.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "service_at_location")
public class ServiceAtLocation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "service_id")
    public UUID serviceId;
    @Column(name = "location_id")
    public UUID locationId;
}
