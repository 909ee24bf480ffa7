package org.pathways.contracts.vocab;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The sections of the shared case summary; consent names each one separately (docs/domain.md, "The shared case summary").
 * The code is the constant name.
 */
public enum DataCategory {

    IDENTITY("Name, other names, date of birth, pronouns"),
    SAFE_CONTACT("How and when it is safe to contact her, whether a message may be left, do-not-contact and named-worker-only flags"),
    COMMUNICATION("Preferred language, interpreter needs, BSL, literacy and accessibility"),
    NEEDS("Need categories from the taxonomy, in her own words, with a status per need"),
    RISK("Risk level, MARAC involvement and safeguarding flags; the most restricted category"),
    CHILDREN("Children, their ages, who they live with and agencies involved"),
    IMMIGRATION("Immigration status, no recourse to public funds, applications in progress"),
    HEALTH("Mental and physical health, disability, substance use"),
    HOUSING("Current housing, safety of housing, refuge needs"),
    MONEY("Income, benefits, debt, hardship"),
    STORY("Her account in her own words; the part she must not be asked to repeat"),
    GOALS("What she wants to change, and by when");

    private static final Set<DataCategory> TRIAGE =
            Collections.unmodifiableSet(EnumSet.of(NEEDS, COMMUNICATION, SAFE_CONTACT));

    private final String description;

    DataCategory(String description) {
        this.description = description;
    }

    /** Stable code (the constant name), e.g. {@code SAFE_CONTACT}. */
    public String code() {
        return name();
    }

    /** One-line English description of what the section holds. */
    public String description() {
        return description;
    }

    /**
     * The triage sections a receiving organisation may see (as consent permits) while a referral to it is SENT:
     * NEEDS, COMMUNICATION, SAFE_CONTACT. Unmodifiable.
     */
    public static Set<DataCategory> triage() {
        return TRIAGE;
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static DataCategory fromCode(String code) {
        return Codes.fromCode(DataCategory.class, code, DataCategory::code);
    }
}
