package org.pathways.directory.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.ServiceAtLocation;

/**
 * What the open feed shows, read in a handful of queries per page ({@link FeedSearch} finds the ids; this loads the
 * rows in the order found). The HSDS shape is the feed resource's business; this class only reads.
 */
@ApplicationScoped
public class FeedReads {

    /** A page of services with what their HSDS records nest: organisations, locations, public contacts. */
    public record Services(Map<UUID, Organisation> orgs, Map<UUID, List<ServiceAtLocation>> links, Map<UUID, Location> locations,
            Map<UUID, List<Contact>> contacts) {
    }

    /** Organisations with their public organisation-level contacts and their locations. */
    public record Organisations(Map<UUID, List<Contact>> contacts, Map<UUID, List<Location>> locations) {
    }

    public List<DirectoryService> services(List<UUID> ids) {
        return inOrder(ids, DirectoryService.<DirectoryService>list("id in ?1", ids), s -> s.id);
    }

    public List<ServiceAtLocation> serviceAtLocations(List<UUID> ids) {
        return inOrder(ids, ServiceAtLocation.<ServiceAtLocation>list("id in ?1", ids), l -> l.id);
    }

    public List<Organisation> organisations(List<UUID> ids) {
        return inOrder(ids, Organisation.<Organisation>list("id in ?1", ids), o -> o.id);
    }

    /** An active service (a withdrawn one is not in the feed). */
    public Optional<DirectoryService> activeService(UUID id) {
        DirectoryService s = DirectoryService.findById(id);
        return s == null || !"active".equals(s.status) ? Optional.empty() : Optional.of(s);
    }

    public Optional<ServiceAtLocation> serviceAtLocation(UUID id) {
        return Optional.ofNullable(ServiceAtLocation.findById(id));
    }

    public Optional<Organisation> organisation(UUID id) {
        return Optional.ofNullable(Organisation.findById(id));
    }

    /** What the services' HSDS records nest, in four queries whatever the page size. */
    public Services nested(List<DirectoryService> services) {
        if (services.isEmpty()) return new Services(Map.of(), Map.of(), Map.of(), Map.of());
        List<UUID> ids = services.stream().map(s -> s.id).toList();
        Map<UUID, Organisation> orgs = Organisation.<Organisation>list("id in ?1",
                services.stream().map(s -> s.organisationId).distinct().toList()).stream()
                .collect(Collectors.toMap(o -> o.id, Function.identity()));
        Map<UUID, List<ServiceAtLocation>> links = ServiceAtLocation.<ServiceAtLocation>list("serviceId in ?1 order by id", ids)
                .stream().collect(Collectors.groupingBy(l -> l.serviceId));
        List<UUID> locIds = links.values().stream().flatMap(List::stream).map(l -> l.locationId).distinct().toList();
        Map<UUID, Location> locations = locIds.isEmpty() ? Map.of()
                : Location.<Location>list("id in ?1", locIds).stream().collect(Collectors.toMap(l -> l.id, Function.identity()));
        Map<UUID, List<Contact>> contacts = Contact.<Contact>list("serviceId in ?1 and isPublic = true order by id", ids).stream()
                .collect(Collectors.groupingBy(c -> c.serviceId));
        return new Services(orgs, links, locations, contacts);
    }

    /** The organisations' public organisation-level contacts and their locations, in two queries. */
    public Organisations nestedOrganisations(List<UUID> ids) {
        if (ids.isEmpty()) return new Organisations(Map.of(), Map.of());
        return new Organisations(
                Contact.<Contact>list("organisationId in ?1 and serviceId is null and isPublic = true order by id", ids).stream()
                        .collect(Collectors.groupingBy(c -> c.organisationId)),
                Location.<Location>list("organisationId in ?1 order by id", ids).stream()
                        .collect(Collectors.groupingBy(l -> l.organisationId)));
    }

    private static <T> List<T> inOrder(List<UUID> ids, List<T> rows, Function<T, UUID> id) {
        if (ids.isEmpty()) return List.of();
        Map<UUID, T> byId = rows.stream().collect(Collectors.toMap(id, Function.identity()));
        return ids.stream().map(byId::get).toList();
    }
}
