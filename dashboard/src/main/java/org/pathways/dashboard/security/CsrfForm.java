package org.pathways.dashboard.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that takes a plain form post and checks the form's {@code csrf} field itself
 * ({@link Csrf#refusal(String)} first thing). {@link CsrfFilter} refuses any other non-GET request that does not carry
 * the token in the {@code X-CSRF-Token} header, so a form cannot be added without a check.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CsrfForm {
}
