package org.pathways.directory.domain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A service an organisation offers (HSDS {@code service}), with what the partnership needs to route a referral to
 * it: needs met, referral rules, languages and interpreting, capacity, single point of contact and response target.
 * Named DirectoryService to keep clear of the {@code service} package and of CDI's vocabulary.
 */
@Entity
@Table(name = "service")
public class DirectoryService extends PanacheEntityBase {

    public enum Source { LOCAL, DEMO, IMPORT }

    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String name;
    public String description;
    /** HSDS status: active, inactive, defunct, temporarily closed. */
    public String status;
    public String url;
    public String email;
    public String phone;
    @Column(name = "application_process")
    public String applicationProcess;
    @Column(name = "fees_description")
    public String feesDescription;
    public String accessibility;
    @Column(name = "eligibility_description")
    public String eligibilityDescription;
    @Column(name = "minimum_age")
    public Integer minimumAge;
    @Column(name = "maximum_age")
    public Integer maximumAge;
    @Enumerated(EnumType.STRING)
    public Gender gender = Gender.ANY;
    @Column(name = "accepts_partner_referrals")
    public boolean acceptsPartnerReferrals = true;
    @Column(name = "accepts_professional_referrals")
    public boolean acceptsProfessionalReferrals = true;
    @Column(name = "accepts_self_referrals")
    public boolean acceptsSelfReferrals;
    @Column(name = "accepts_nrpf")
    public boolean acceptsNrpf;
    /** The Partnership Connector service (of the lead organisation); its SPOCs hold the connector role. */
    public boolean connector;
    /**
     * Takes only complex cases: a referral must carry at least this many needs (null: no minimum). referral-service's
     * send refuses fewer (issue 16, ADR 0053).
     */
    @Column(name = "minimum_needs")
    public Integer minimumNeeds;
    /** Weeks of support once it starts (null: no limit); issue 17, item 1, ADR 0073. */
    @Column(name = "support_weeks")
    public Integer supportWeeks;
    /** Weeks of support where she is DDVC-eligible (null: {@link #supportWeeks} applies). */
    @Column(name = "support_weeks_ddvc")
    public Integer supportWeeksIfDdvcEligible;

    @Enumerated(EnumType.STRING)
    @Column(name = "capacity_status")
    public CapacityStatus capacityStatus = CapacityStatus.HAS_CAPACITY;
    @Column(name = "capacity_wait_weeks")
    public Integer capacityWaitWeeks;
    @Column(name = "capacity_available")
    public Integer capacityAvailable;
    @Column(name = "capacity_maximum")
    public Integer capacityMaximum;
    @Column(name = "capacity_unit")
    public String capacityUnit;
    @Column(name = "capacity_updated_at")
    public OffsetDateTime capacityUpdatedAt;

    @Column(name = "response_working_days")
    public int responseWorkingDays = 5;
    @Column(name = "remind_before_working_days")
    public int remindBeforeWorkingDays = 1;
    @Column(name = "expire_after_working_days")
    public int expireAfterWorkingDays = 20;
    @Enumerated(EnumType.STRING)
    public Nation nation = Nation.ENGLAND_AND_WALES;

    /** Where referrals go; null: the organisation's fallback SPOC. */
    @Embedded
    public Spoc spoc;

    @Enumerated(EnumType.STRING)
    public Source source = Source.LOCAL;
    @Column(name = "source_ref")
    public String sourceRef;
    @Column(name = "locally_edited_at")
    public OffsetDateTime locallyEditedAt;
    /** Lower-case name, description and organisation name for free-text search. */
    @Column(name = "search_text")
    public String searchText = "";
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    @ElementCollection
    @CollectionTable(name = "service_need", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "need_code")
    public Set<String> needCodes = new LinkedHashSet<>();

    /**
     * Eligibility facts: who it can support (contracts EligibilityCode, ADR 0063). "nrpf" here and {@link #acceptsNrpf}
     * always agree: set both through {@link #acceptNrpf}.
     */
    @ElementCollection
    @CollectionTable(name = "service_eligibility", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "code")
    public Set<String> eligibilityCodes = new LinkedHashSet<>();

    /** The NRPF flag of the referral rules and the "nrpf" eligibility fact are one fact (ADR 0063). */
    public void acceptNrpf(boolean accepts) {
        acceptsNrpf = accepts;
        if (accepts) eligibilityCodes.add(org.pathways.contracts.vocab.EligibilityCode.NRPF.code());
        else eligibilityCodes.remove(org.pathways.contracts.vocab.EligibilityCode.NRPF.code());
    }

    @ElementCollection
    @CollectionTable(name = "service_language", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "language")
    public Set<String> languages = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "service_interpreting", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "language")
    public Set<String> interpretingLanguages = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "service_area", joinColumns = @JoinColumn(name = "service_id"))
    @OrderColumn(name = "position")
    @Column(name = "name")
    public List<String> areas = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "service_schedule", joinColumns = @JoinColumn(name = "service_id"))
    @OrderColumn(name = "position")
    public List<ScheduleEntry> schedules = new ArrayList<>();

    public void refreshSearchText(String organisationName) {
        searchText = String.join(" ", name, description == null ? "" : description,
                organisationName == null ? "" : organisationName).toLowerCase(Locale.ROOT);
    }
}
