package org.pathways.directory.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the Open Referral UK / HSDS answers, which {@link Hsds} and {@link HsdsExport} build as maps: for the
 * OpenAPI document only, nothing constructs these. Field names are HSDS's (snake_case); a field without a value is
 * left out. Keep them in step with {@code Hsds}; the HSDS schema tests check the real answers.
 */
@SuppressWarnings("java:S100") // HSDS field names
public final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "HsdsApiMeta", description = "The API's HSDS version and profile")
    public record ApiMeta(String version, String profile, String openapi_url) {
    }

    @Schema(name = "HsdsServicePage")
    public record ServicePage(long total_items, int total_pages, int page_number, int size, boolean first_page,
            boolean last_page, boolean empty, List<Service> contents) {
    }

    @Schema(name = "HsdsOrganizationPage")
    public record OrganizationPage(long total_items, int total_pages, int page_number, int size, boolean first_page,
            boolean last_page, boolean empty, List<Organization> contents) {
    }

    @Schema(name = "HsdsServiceAtLocationPage")
    public record ServiceAtLocationPage(long total_items, int total_pages, int page_number, int size, boolean first_page,
            boolean last_page, boolean empty, List<ServiceAtLocation> contents) {
    }

    @Schema(name = "HsdsTaxonomyPage")
    public record TaxonomyPage(long total_items, int total_pages, int page_number, int size, boolean first_page,
            boolean last_page, boolean empty, List<Taxonomy> contents) {
    }

    @Schema(name = "HsdsTaxonomyTermPage")
    public record TaxonomyTermPage(long total_items, int total_pages, int page_number, int size, boolean first_page,
            boolean last_page, boolean empty, List<TaxonomyTerm> contents) {
    }

    @Schema(name = "HsdsService", description = "HSDS 3.0 service; lists carry the one-to-one fields and organization, "
            + "GET /services/{id} the nested lists too; in an export or import also the pathways extension")
    public record Service(UUID id, UUID organization_id, String name, String description, String url, String email,
            String status, String interpretation_services, String application_process, String fees_description,
            String wait_time, String eligibility_description, Integer minimum_age, Integer maximum_age, String last_modified,
            Organization organization, List<Phone> phones, List<Schedule> schedules, List<ServiceArea> service_areas,
            List<ServiceAtLocation> service_at_locations, List<Language> languages, List<Contact> contacts,
            List<Attribute> attributes, List<Capacity> capacities, PathwaysExtension pathways) {
    }

    @Schema(name = "HsdsOrganization")
    public record Organization(UUID id, String name, String description, String email, String website,
            @Schema(description = "only for a statutory partner (ADR 0091), e.g. \"Statutory partner: MARAC coordinator\"") String legal_status,
            List<Phone> phones, List<Contact> contacts, List<Location> locations) {
    }

    @Schema(name = "HsdsServiceAtLocation")
    public record ServiceAtLocation(UUID id, UUID service_id, UUID location_id, Location location) {
    }

    @Schema(name = "HsdsLocation", description = "A confidential address publishes only its area (name, description, "
            + "and the area's centre)")
    public record Location(UUID id, String location_type, UUID organization_id, String name, String description,
            Double latitude, Double longitude, List<Address> addresses) {
    }

    @Schema(name = "HsdsAddress")
    public record Address(UUID id, UUID location_id, String address_1, String city, String state_province,
            String postal_code, String country, String address_type) {
    }

    @Schema(name = "HsdsContact", description = "A public contact")
    public record Contact(UUID id, UUID organization_id, UUID service_id, String name, String title, String email,
            List<Phone> phones) {
    }

    @Schema(name = "HsdsPhone")
    public record Phone(UUID id, String number) {
    }

    @Schema(name = "HsdsLanguage")
    public record Language(UUID id, UUID service_id, String name, String code) {
    }

    @Schema(name = "HsdsSchedule")
    public record Schedule(UUID id, UUID service_id, String freq, String byday, String opens_at, String closes_at) {
    }

    @Schema(name = "HsdsServiceArea")
    public record ServiceArea(UUID id, UUID service_id, String name) {
    }

    @Schema(name = "HsdsAttribute", description = "A need the service meets: a term of the needs taxonomy")
    public record Attribute(UUID id, UUID link_id, UUID taxonomy_term_id, String link_type, String link_entity,
            TaxonomyTerm taxonomy_term) {
    }

    @Schema(name = "HsdsCapacity", description = "HSDS 3.1 service_capacity; only where the organisation publishes capacity")
    public record Capacity(UUID id, UUID service_id, Unit unit, Integer available, Integer maximum, String description,
            String updated) {
    }

    @Schema(name = "HsdsUnit")
    public record Unit(UUID id, String name) {
    }

    @Schema(name = "HsdsTaxonomy")
    public record Taxonomy(UUID id, String name, String description, String version) {
    }

    @Schema(name = "HsdsTaxonomyTerm")
    public record TaxonomyTerm(UUID id, String code, String name, String description, UUID parent_id, String taxonomy,
            Taxonomy taxonomy_detail, String language, UUID taxonomy_id) {
    }

    @Schema(name = "PathwaysExtension", description = "Pathways' own fields of a service (export and import only)")
    public record PathwaysExtension(List<String> interpreting_languages, ReferralRules referral_rules,
            ResponseTarget response_target, CapacityExtension capacity, Spoc spoc) {
    }

    public record ReferralRules(boolean accepts_partner_referrals, boolean accepts_professional_referrals,
            boolean accepts_self_referrals, boolean accepts_nrpf, String gender) {
    }

    public record ResponseTarget(Integer working_days, Integer remind_before_working_days, Integer expire_after_working_days,
            String nation) {
    }

    public record CapacityExtension(String status, Integer wait_weeks, Integer available, Integer maximum, String unit,
            String updated) {
    }

    public record Spoc(UUID user_id, String username, String mailbox) {
    }

    @Schema(name = "HsdsImportFeed", description = "An HSDS feed to import: {services: [...]}, an HSDS page {contents: [...]} "
            + "(or a bare array of services); each service with its organization and, optionally, the pathways extension")
    public record ImportFeed(List<Service> services, List<Service> contents) {
    }

    @Schema(name = "HsdsExport", description = "Every active service of the directory as HSDS with the pathways extension; "
            + "confidential=true adds the confidential addresses and contacts of organisations you administer")
    public record Export(String hsds_version, ExportScope pathways_export, List<Taxonomy> taxonomies,
            List<Organization> organizations, List<Service> services) {
    }

    public record ExportScope(boolean confidential, List<UUID> organisations_in_scope) {
    }

    @Schema(name = "MemberAdded")
    public record MemberAdded(UUID partnershipId, UUID organisationId, String role) {
    }
}
