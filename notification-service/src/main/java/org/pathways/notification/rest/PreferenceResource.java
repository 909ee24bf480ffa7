package org.pathways.notification.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.pathways.contracts.vocab.Roles;
import org.pathways.notification.repository.EmailRepository;
import org.pathways.notification.rest.Dtos.EmailPreference;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

/** Per-user e-mail opt-in: off until the user turns it on; the e-mails say nothing about the woman either way. */
@Path("/api/preferences/email")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
        Roles.PRIVACY_OFFICER})
public class PreferenceResource {

    @Inject
    Caller caller;

    @Inject
    EmailRepository emails;

    private UUID user() {
        caller.requireOrganisation();
        try {
            return UUID.fromString(caller.userId());
        } catch (RuntimeException e) {
            throw ProblemException.forbidden("Your token does not name a user.");
        }
    }

    @GET
    @Transactional
    public EmailPreference get() {
        return new EmailPreference(emails.optedIn(user()));
    }

    @PUT
    @Transactional
    public EmailPreference put(@NotNull @Valid EmailPreference body) {
        UUID user = user();
        emails.setPreference(user, body.enabled());
        return new EmailPreference(body.enabled());
    }
}
