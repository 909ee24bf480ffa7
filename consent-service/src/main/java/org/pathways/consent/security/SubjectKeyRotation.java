package org.pathways.consent.security;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.pathways.platform.crypto.KekRotation;

/** Tells the platform's {@link KekRotation} how this service binds her wrapped key, so it can re-wrap it after a KEK rotation. */
@ApplicationScoped
public class SubjectKeyRotation implements KekRotation.SubjectKeyBinding {

    @Override
    public byte[] keyAad(UUID subjectId) {
        return SubjectTexts.keyAad(subjectId);
    }
}
