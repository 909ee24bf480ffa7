package org.pathways.referral.domain.section;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.NeedCode;

/** Which record types a category's content, and the checks Bean Validation cannot express. */
public final class SectionTypes {

    private static final Map<DataCategory, Class<? extends SectionContent>> TYPES = new EnumMap<>(DataCategory.class);

    static {
        TYPES.put(DataCategory.IDENTITY, Identity.class);
        TYPES.put(DataCategory.SAFE_CONTACT, SafeContact.class);
        TYPES.put(DataCategory.COMMUNICATION, Communication.class);
        TYPES.put(DataCategory.NEEDS, Needs.class);
        TYPES.put(DataCategory.RISK, Risk.class);
        TYPES.put(DataCategory.CHILDREN, Children.class);
        TYPES.put(DataCategory.IMMIGRATION, Immigration.class);
        TYPES.put(DataCategory.HEALTH, Health.class);
        TYPES.put(DataCategory.HOUSING, Housing.class);
        TYPES.put(DataCategory.MONEY, Money.class);
        TYPES.put(DataCategory.STORY, Story.class);
        TYPES.put(DataCategory.GOALS, Goals.class);
        if (TYPES.size() != DataCategory.values().length) throw new ExceptionInInitializerError("a category has no type");
    }

    private SectionTypes() {
    }

    public static Class<? extends SectionContent> typeOf(DataCategory category) {
        return TYPES.get(category);
    }

    /** Field errors beyond Bean Validation, as (field, message) pairs; never quoting the value. */
    public static List<String[]> extraErrors(SectionContent content) {
        List<String[]> errors = new ArrayList<>();
        if (content instanceof Needs needs && needs.needs() != null) {
            for (int i = 0; i < needs.needs().size(); i++) {
                Needs.Need n = needs.needs().get(i);
                if (n == null || n.code() == null) continue;
                try {
                    NeedCode.fromCode(n.code());
                } catch (IllegalArgumentException e) {
                    errors.add(new String[] { "needs[" + i + "].code", "must be a need code of the partnership taxonomy" });
                }
            }
        }
        if (content instanceof SafeContact sc && Boolean.TRUE.equals(sc.contactViaNamedWorkerOnly())
                && (sc.namedWorkerId() == null || sc.namedWorkerId().isBlank())) {
            errors.add(new String[] { "namedWorkerId", "is required when contactViaNamedWorkerOnly is true" });
        }
        return errors;
    }
}
