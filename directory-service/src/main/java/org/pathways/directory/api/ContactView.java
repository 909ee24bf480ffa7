package org.pathways.directory.api;

import java.util.UUID;

import org.pathways.directory.domain.Contact;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A contact of a service or of an organisation, as the partnership API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(UUID id, UUID organisationId, UUID serviceId, String name, String title, String email,
        String phone, boolean isPublic) {

    public static ContactView of(Contact c) {
        return new ContactView(c.id, c.organisationId, c.serviceId, c.name, c.title, c.email, c.phone, c.isPublic);
    }
}
