package org.pathways.contracts.vocab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The partnership's needs taxonomy (docs/domain.md, "Needs taxonomy"), published as an HSDS taxonomy.
 *
 * <p>{@link #code()} is the stable kebab-case term used in APIs, events and storage; {@link #label()} is an English display
 * label; {@link #parent()} is the broader term ({@code null} for a top-level term). Parents are declared before their
 * children. Codes are never renamed or reused: add new terms, deprecate old ones.
 */
public enum NeedCode {

    // Abuse, violence and exploitation
    DOMESTIC_ABUSE("domestic-abuse", "Domestic abuse", null),
    COERCIVE_CONTROL("coercive-control", "Coercive control", DOMESTIC_ABUSE),
    TECH_ABUSE("tech-abuse", "Technology-facilitated abuse", DOMESTIC_ABUSE),
    FINANCIAL_ABUSE("financial-abuse", "Financial and economic abuse", DOMESTIC_ABUSE),
    SEXUAL_VIOLENCE("sexual-violence", "Sexual violence", null),
    HONOUR_BASED_VIOLENCE("honour-based-violence", "Honour-based violence", null),
    FORCED_MARRIAGE("forced-marriage", "Forced marriage", null),
    FGM("fgm", "Female genital mutilation (FGM)", null),
    TRAFFICKING_EXPLOITATION("trafficking-exploitation", "Trafficking and exploitation", null),
    SEX_WORK_SUPPORT("sex-work-support", "Support for women involved in sex work", null),
    STALKING_HARASSMENT("stalking-harassment", "Stalking and harassment", null),

    // Housing
    REFUGE_SAFE_ACCOMMODATION("refuge-safe-accommodation", "Refuge and safe accommodation", null),
    HOUSING_HOMELESSNESS("housing-homelessness", "Housing and homelessness", null),
    EVICTION("eviction", "Eviction", null),

    // Health
    MENTAL_HEALTH("mental-health", "Mental health", null),
    COUNSELLING("counselling", "Counselling", null),
    PHYSICAL_HEALTH("physical-health", "Physical health", null),
    SUBSTANCE_USE("substance-use", "Substance use", null),
    DISABILITY("disability", "Disability", null),

    // Money
    MONEY_DEBT("money-debt", "Money and debt", null),
    WELFARE_BENEFITS("welfare-benefits", "Welfare benefits", null),
    HARDSHIP_EMERGENCY_SUPPORT("hardship-emergency-support", "Hardship and emergency support", null),

    // Legal
    LEGAL_FAMILY("legal-family", "Family law", null),
    DIVORCE("divorce", "Divorce", LEGAL_FAMILY),
    CHILD_ARRANGEMENTS("child-arrangements", "Child arrangements", LEGAL_FAMILY),
    PROTECTION_ORDERS("protection-orders", "Protection orders", LEGAL_FAMILY),
    LEGAL_IMMIGRATION("legal-immigration", "Immigration law", null),
    NRPF("nrpf", "No recourse to public funds (NRPF)", LEGAL_IMMIGRATION),
    DDVC("ddvc", "Destitution Domestic Violence Concession (DDVC)", LEGAL_IMMIGRATION),
    DVILR("dvilr", "Indefinite leave to remain as a victim of domestic abuse (DVILR)", LEGAL_IMMIGRATION),
    ASYLUM("asylum", "Asylum", LEGAL_IMMIGRATION),
    LEGAL_HOUSING("legal-housing", "Housing law", null),
    LEGAL_BENEFITS("legal-benefits", "Welfare benefits law", null),

    // Work and learning
    EMPLOYMENT_SKILLS("employment-skills", "Employment and skills", null),
    EDUCATION_TRAINING("education-training", "Education and training", null),
    ENGLISH_LANGUAGE("english-language", "English language", null),

    // Children and family
    CHILDREN_FAMILY_SUPPORT("children-family-support", "Children and family support", null),
    PARENTING("parenting", "Parenting", null),

    // Wellbeing and connection
    ISOLATION("isolation", "Isolation", null),
    CONFIDENCE_WELLBEING("confidence-wellbeing", "Confidence and wellbeing", null),
    PEER_SUPPORT_GROUPS("peer-support-groups", "Peer support groups", null),

    INTERPRETING("interpreting", "Interpreting", null),
    LGBTQ_SUPPORT("lgbtq-support", "LGBTQ+ support", null),
    COMPLAINTS_ABOUT_PUBLIC_SERVICES("complaints-about-public-services", "Complaints about public services", null);

    private final String code;
    private final String label;
    private final NeedCode parent;

    NeedCode(String code, String label, NeedCode parent) {
        this.code = code;
        this.label = label;
        this.parent = parent;
    }

    /** Stable kebab-case code, e.g. {@code coercive-control}. */
    public String code() {
        return code;
    }

    /** English display label. */
    public String label() {
        return label;
    }

    /** The broader term, or {@code null} for a top-level term. */
    public NeedCode parent() {
        return parent;
    }

    /** The broader term, if any. */
    public Optional<NeedCode> parentCode() {
        return Optional.ofNullable(parent);
    }

    public boolean isTopLevel() {
        return parent == null;
    }

    /** The direct narrower terms of this term, in declaration order. */
    public List<NeedCode> children() {
        return Arrays.stream(values()).filter(n -> n.parent == this).toList();
    }

    /**
     * @throws IllegalArgumentException if {@code code} is not a known code (exact, case-sensitive match); the message
     *                                  lists the valid codes
     */
    public static NeedCode fromCode(String code) {
        return Codes.fromCode(NeedCode.class, code, NeedCode::code);
    }
}
