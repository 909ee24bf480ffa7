package org.pathways.contracts.vocab;

import java.util.Arrays;

/**
 * The optional equality-monitoring answers about her (issue 17, item 6; ADR 0074): age band, ethnic group, disability,
 * children. Every question may go unanswered, and each has "prefer not to say". Stored under her key, reported only in
 * aggregate. Codes are the constant names; never renamed or reused.
 */
public final class EqualityMonitoring {

    private EqualityMonitoring() {
    }

    public enum AgeBand { UNDER_18, AGE_18_24, AGE_25_34, AGE_35_44, AGE_45_54, AGE_55_64, AGE_65_PLUS, PREFER_NOT_TO_SAY }

    /** The five high-level ethnic groups of the 2021 Census (England and Wales), and "prefer not to say". */
    public enum EthnicGroup { ASIAN_OR_ASIAN_BRITISH, BLACK_BLACK_BRITISH_CARIBBEAN_OR_AFRICAN, MIXED_OR_MULTIPLE, WHITE, OTHER_ETHNIC_GROUP,
        PREFER_NOT_TO_SAY }

    /** Whether she considers herself disabled (Equality Act 2010 definition read to her). */
    public enum Disability { YES, NO, PREFER_NOT_TO_SAY }

    /** Whether she has children: living with her, not living with her, none. */
    public enum Children { YES_LIVING_WITH_HER, YES_NOT_LIVING_WITH_HER, NO, PREFER_NOT_TO_SAY }

    /** The codes of an enum, for messages. */
    public static String codes(Class<? extends Enum<?>> type) {
        return Arrays.toString(type.getEnumConstants());
    }
}
