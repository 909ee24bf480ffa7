package org.pathways.directory.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.pathways.contracts.vocab.Roles;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.service.DirectoryReads;
import org.pathways.platform.rest.ProblemException;
import org.pathways.directory.api.Routing;

/** Endpoints for Pathways' own services (referral- and notification-service): routing, data sharing, mailboxes. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.INTERNAL_SERVICE)
@Transactional
public class InternalResource {

    @Inject
    DirectoryReads reads;

    @GET
    @Path("/services/{id}/routing")
    public Routing routing(@PathParam("id") String id) {
        DirectoryService s = DirectoryService.findById(Params.pathId(id, "Service"));
        if (s == null) throw ProblemException.notFound("Service");
        return reads.routing(s);
    }

    public record AgreementRef(UUID agreementId, UUID partnershipId, String version, String startsOn, String endsOn) {
    }

    public record SharingAnswer(UUID organisationA, UUID organisationB, boolean shared, List<AgreementRef> agreements) {
    }

    /** Do A and B share a current data sharing agreement (both parties, both members of its partnership)? */
    @GET
    @Path("/data-sharing")
    public SharingAnswer dataSharing(@QueryParam("organisationA") String a, @QueryParam("organisationB") String b) {
        UUID orgA = Params.queryId(a, "organisationA");
        UUID orgB = Params.queryId(b, "organisationB");
        if (orgA == null) throw ProblemException.invalidField("organisationA", "is required");
        if (orgB == null) throw ProblemException.invalidField("organisationB", "is required");
        for (UUID o : List.of(orgA, orgB)) {
            if (Organisation.findById(o) == null) throw ProblemException.notFound("Organisation");
        }
        List<AgreementRef> refs = reads.sharedAgreements(orgA, orgB).stream()
                .map(d -> new AgreementRef(d.id, d.partnershipId, d.agreementVersion, d.startsOn.toString(),
                        d.endsOn == null ? null : d.endsOn.toString()))
                .toList();
        return new SharingAnswer(orgA, orgB, !refs.isEmpty(), refs);
    }

    public record Membership(UUID partnershipId, String name, UUID leadOrganisationId, String role) {
    }

    @GET
    @Path("/organisations/{id}/partnerships")
    public List<Membership> partnerships(@PathParam("id") String id) {
        UUID org = Params.pathId(id, "Organisation");
        if (Organisation.findById(org) == null) throw ProblemException.notFound("Organisation");
        return PartnershipMember.<PartnershipMember>list("organisationId = ?1 order by partnershipId", org).stream().map(m -> {
            Partnership p = Partnership.findById(m.partnershipId);
            return new Membership(p.id, p.name, p.leadOrganisationId, m.role.name());
        }).toList();
    }

    /** The organisation's mailbox: the address of its organisation-level SPOC (ADR 0011); absent when it named none. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Mailbox(UUID organisationId, String mailbox) {
    }

    /**
     * Where notification-service e-mails the organisation's mailbox notices. Only the mailbox the organisation named
     * for referrals, never its general enquiry e-mail: that one is public and read by whoever answers the public.
     */
    @GET
    @Path("/organisations/{id}/mailbox")
    public Mailbox mailbox(@PathParam("id") String id) {
        Organisation o = Organisation.findById(Params.pathId(id, "Organisation"));
        if (o == null) throw ProblemException.notFound("Organisation");
        return new Mailbox(o.id, o.spoc == null ? null : o.spoc.mailbox);
    }

    /** A partnership with its member organisations (for referral-service's aggregate reports). */
    public record PartnershipMembers(UUID partnershipId, String name, UUID leadOrganisationId, List<Member> members,
            /** The partnership's reporting calendar (ADR 0076); null: referral-service's default. */
            String reportingPeriod, java.time.LocalDate reportingAnchor) {
    }

    /** A member organisation with its services' names, so a report can name every row it counts (issue 17, item 7). */
    public record Member(UUID organisationId, String name, String role, List<ServiceName> services) {
    }

    public record ServiceName(UUID serviceId, String name) {
    }

    @GET
    @Path("/partnerships")
    public List<PartnershipMembers> partnershipsWithMembers() {
        return Partnership.<Partnership>listAll().stream()
                .sorted(java.util.Comparator.comparing((Partnership p) -> p.name).thenComparing(p -> p.id))
                .map(this::withMembers).toList();
    }

    @GET
    @Path("/partnerships/{id}")
    public PartnershipMembers partnership(@PathParam("id") String id) {
        Partnership p = Partnership.findById(Params.pathId(id, "Partnership"));
        if (p == null) throw ProblemException.notFound("Partnership");
        return withMembers(p);
    }

    private PartnershipMembers withMembers(Partnership p) {
        List<Member> members = PartnershipMember.<PartnershipMember>list("partnershipId = ?1 order by organisationId", p.id).stream()
                .map(m -> {
                    Organisation o = Organisation.findById(m.organisationId);
                    List<ServiceName> services = org.pathways.directory.domain.DirectoryService
                            .<org.pathways.directory.domain.DirectoryService>list("organisationId = ?1 order by id", m.organisationId)
                            .stream().map(s -> new ServiceName(s.id, s.name)).toList();
                    return new Member(m.organisationId, o == null ? null : o.name, m.role.name(), services);
                }).toList();
        return new PartnershipMembers(p.id, p.name, p.leadOrganisationId, members, p.reportingPeriod, p.reportingAnchor);
    }
}
