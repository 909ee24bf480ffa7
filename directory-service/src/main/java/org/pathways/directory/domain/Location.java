package org.pathways.directory.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A place where services are delivered. A confidential location (a refuge) publishes its area only: never its
 * address, postcode, exact coordinates or phone.
 */
@Entity
@Table(name = "location")
public class Location extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String name;
    public boolean confidential;
    @Column(name = "address_1")
    public String address1;
    public String city;
    public String postcode;
    /** The published area (a gazetteer name such as "Coventry"). */
    public String area;
    public Double latitude;
    public Double longitude;
    public String phone;
    @Version
    public long version;
}
