package org.pathways.directory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One audited change of who receives referrals (ADR 0015): ids and codes only, written once, never updated. */
@Entity
@Table(name = "routing_change")
public class RoutingChange extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "service_id")
    public UUID serviceId;
    @Column(name = "actor_user_id")
    public UUID actorUserId;
    public String source;
    @Column(name = "user_changed")
    public boolean userChanged;
    @Column(name = "mailbox_changed")
    public boolean mailboxChanged;
    @Column(name = "previous_spoc_user_id")
    public UUID previousSpocUserId;
    @Column(name = "spoc_user_id")
    public UUID spocUserId;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
