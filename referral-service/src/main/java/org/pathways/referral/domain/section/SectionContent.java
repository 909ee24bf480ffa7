package org.pathways.referral.domain.section;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The typed content of one case-summary section. Each {@code DataCategory} has its own record: known fields only
 * (unknown ones are refused), most of them optional, every text and list bounded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface SectionContent permits Identity, SafeContact, Communication, Needs, Risk, Children, Immigration,
        Health, Housing, Money, Story, Goals {
}
