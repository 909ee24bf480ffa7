package org.pathways.directory.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.directory.domain.CapacityStatus;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DataSharingAgreement;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Gender;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Nation;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.domain.ScheduleEntry;
import org.pathways.directory.domain.ServiceAtLocation;
import org.pathways.directory.domain.Spoc;
import org.pathways.directory.domain.StatutoryRole;

import io.quarkus.runtime.StartupEvent;

/**
 * Loads the demo partnerships from docs/domain.md when {@code pathways.demo-data.enabled=true} (the local stack sets it for
 * the run and test stacks). Idempotent: every row has a fixed id and is only inserted when absent, so restarts keep
 * what people changed in the demo. Emails are under the reserved {@code example.org} domain (RFC 2606); addresses are illustrative.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    public static final UUID FWT = org("01"), CRASAC = org("02"), KAIROS = org("03"), HAVEN = org("04"), CELC = org("05"),
            WBG = org("06"), SBS = org("07"), ASHIANA = org("08"), BAWSO = org("09"), BSWA = org("0a"), FOYLE = org("0b"),
            SHAKTI = org("0c"), MWNUK = org("0d");
    /** Statutory partners (ADR 0091): never partnership members; they receive POLICE, MARAC and SARC referrals. */
    public static final UUID WMP_DA_UNIT = org("0e"), COVENTRY_MARAC = org("0f"), WM_SARC = org("10");
    /** A Changing Futures-style area (issue 16 item 10): one programme for people facing multiple disadvantage and its agencies. */
    public static final UUID CF_HUB = org("11"), CF_RECOVERY = org("12"), CF_MIND = org("13"), CF_WOMENS_CENTRE = org("14"),
            CF_HOUSING = org("15");
    public static final UUID CHANGING_FUTURES_PARTNERSHIP = id("partnership:changing-futures-stoke");
    public static final UUID CF_NAVIGATORS = id("service:cf-navigators");

    public static final UUID WMP_DA_REFERRALS = id("service:wmp-da-referrals");
    public static final UUID COVENTRY_MARAC_REFERRALS = id("service:coventry-marac-referrals");
    public static final UUID WM_SARC_REFERRALS = id("service:wm-sarc-referrals");

    public static final UUID COVENTRY_PARTNERSHIP = id("partnership:coventry");
    public static final UUID MIGRANT_VICTIMS_PARTNERSHIP = id("partnership:smv");
    public static final UUID MWNUK_NETWORK_PARTNERSHIP = id("partnership:mwnuk-casework");

    public static final UUID CELC_IMMIGRATION = id("service:celc-immigration");
    public static final UUID HAVEN_REFUGE = id("service:haven-refuge");
    public static final UUID HAVEN_REFUGE_LOCATION = id("location:haven-refuge");
    public static final UUID FWT_CONNECTOR = id("service:fwt-connector");

    @ConfigProperty(name = "pathways.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    DirectoryWrites writes;

    private int inserted;

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) return;
        load();
    }

    static UUID org(String suffix) {
        return UUID.fromString("5e1f0000-0000-4000-8000-0000000000" + suffix);
    }

    /** Stable ids for demo rows, so tests and other services can name them. */
    public static UUID id(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional
    public void load() {
        inserted = 0;
        organisations();
        partnerships();
        coventryServices();
        migrantVictimsServices();
        mwnukServices();
        statutoryPartners();
        changingFutures();
        LOG.infof("demo directory loaded: %d rows inserted", inserted);
    }

    private void organisations() {
        organisation(FWT, "Foleshill Women's Training", "Lead organisation of the Coventry Women's Partnership: social, health and economic "
                + "programmes, employment and skills, key workers, groups and a creche. Hosts the Partnership Connector.",
                "fwt", "https://www.fwt.org.uk", Nation.ENGLAND_AND_WALES, "fwt.coordinator1", true);
        organisation(CRASAC, "Coventry Rape and Sexual Abuse Centre", "Specialist sexual violence counselling, independent advice "
                + "and the Women's Circle group.", "crasac", "https://www.crasac.org.uk", Nation.ENGLAND_AND_WALES, "crasac.coordinator1", true);
        organisation(KAIROS, "Kairos Women Working Together", "Support for women involved in sex work or exploitation, forced marriage "
                + "support and key work.", "kairos", "https://kairoswwt.org.uk", Nation.ENGLAND_AND_WALES, "kairos.coordinator1", true);
        organisation(HAVEN, "Coventry Haven Women's Aid", "Domestic abuse refuge at a confidential address, community outreach and drop-ins.",
                "haven", "https://coventryhaven.co.uk", Nation.ENGLAND_AND_WALES, "haven.coordinator1", false);
        organisation(CELC, "Central England Law Centre", "Legal advice and legal aid: immigration (including survivors of domestic "
                + "abuse), welfare benefits, housing and eviction, family law.", "celc", "https://centralenglandlc.org.uk",
                Nation.ENGLAND_AND_WALES, "celc.coordinator1", true);
        organisation(WBG, "Women's Budget Group", "Policy and evaluation partner of the Coventry Women's Partnership (reports only).",
                "wbg", "https://wbg.org.uk", Nation.ENGLAND_AND_WALES, null, false);
        organisation(SBS, "Southall Black Sisters", "Lead of the Support for Migrant Victims partners (London and the South East).",
                "sbs", "https://southallblacksisters.org.uk", Nation.ENGLAND_AND_WALES, "sbs.coordinator1", true);
        organisation(ASHIANA, "Ashiana Sheffield", "Support for Black, Asian, minority ethnic and refugee women (North East, Yorkshire "
                + "and the Humber, East Midlands).", "ashiana", "https://ashianasheffield.org", Nation.ENGLAND_AND_WALES, null, true);
        organisation(BAWSO, "Bawso", "Specialist services for Black and minority ethnic people affected by abuse in Wales.",
                "bawso", "https://bawso.org.uk", Nation.ENGLAND_AND_WALES, null, true);
        organisation(BSWA, "Birmingham & Solihull Women's Aid", "Domestic abuse support across Birmingham and Solihull.",
                "bswa", "https://bswaid.org", Nation.ENGLAND_AND_WALES, "bswa.coordinator1", true);
        organisation(FOYLE, "Foyle Women's Aid", "Domestic abuse support in the north west of Northern Ireland.",
                "foyle", "https://foylewomensaid.org", Nation.NORTHERN_IRELAND, null, true);
        organisation(SHAKTI, "Shakti Women's Aid", "Support for Black and minority ethnic women, children and young people in Scotland.",
                "shakti", "https://shaktiedinburgh.co.uk", Nation.SCOTLAND, null, true);
        organisation(MWNUK, "Muslim Women's Network UK", "National helpline and caseworker service; faith and culturally sensitive "
                + "support with interpreting.", "mwnuk", "https://www.mwnuk.co.uk", Nation.ENGLAND_AND_WALES, "mwnuk.coordinator1", true);
    }

    private void partnerships() {
        partnership(COVENTRY_PARTNERSHIP, "Coventry Women's Partnership", "Five specialist organisations with a Partnership Connector "
                + "and a single point of contact in each.", FWT, List.of(CRASAC, KAIROS, HAVEN, CELC), List.of(WBG),
                "Coventry Women's Partnership information sharing agreement", "2.1", LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31));
        partnership(MIGRANT_VICTIMS_PARTNERSHIP, "Support for Migrant Victims partners", "UK-wide support for migrant victims of "
                + "domestic abuse: up to 12 weeks (6 where DDVC-eligible), extendable.", SBS, List.of(ASHIANA, BAWSO, BSWA, FOYLE, SHAKTI),
                List.of(), "Support for Migrant Victims data sharing agreement", "1.0", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31));
        partnership(MWNUK_NETWORK_PARTNERSHIP, "MWNUK casework network", "Muslim Women's Network UK helpline referrals to caseworkers "
                + "and partner services.", MWNUK, List.of(BSWA), List.of(),
                "MWNUK casework network data sharing agreement", "1.0", LocalDate.of(2026, 6, 1), null);
        // Reporting calendars (ADR 0076): Coventry six-monthly from its agreement's start, SMV quarterly for the funder.
        calendar(COVENTRY_PARTNERSHIP, "P6M", LocalDate.of(2026, 4, 1));
        calendar(MIGRANT_VICTIMS_PARTNERSHIP, "P3M", LocalDate.of(2026, 1, 1));
    }

    private static void calendar(UUID partnership, String period, LocalDate anchor) {
        Partnership p = Partnership.findById(partnership);
        if (p != null && p.reportingPeriod == null) {
            p.reportingPeriod = period;
            p.reportingAnchor = anchor;
        }
    }

    private void coventryServices() {
        UUID fwtCentre = location("location:fwt-centre", FWT, "Foleshill Women's Training centre", false, "Foleshill Road", "Coventry",
                "CV6 5AQ", "Coventry", 52.4235, -1.4983, "024 7600 0001");
        UUID crasacCentre = location("location:crasac-centre", CRASAC, "CRASAC centre", false, "Hertford Place", "Coventry", "CV1 3JZ",
                "Coventry", 52.4057, -1.5189, "024 7600 0002");
        UUID kairosHub = location("location:kairos-hub", KAIROS, "Kairos women's hub", false, "Broad Street", "Coventry", "CV6 5AZ",
                "Coventry", 52.4262, -1.5042, "024 7600 0003");
        UUID refuge = location("location:haven-refuge", HAVEN, "Coventry Haven refuge", true, "Confidential Road", "Coventry",
                "CV2 4QR", "Coventry", 52.4213, -1.4637, "024 7600 0999");
        UUID havenDropIn = location("location:haven-drop-in", HAVEN, "Coventry Haven drop-in", false, "Priory Street", "Coventry",
                "CV1 5FB", "Coventry", 52.4081, -1.5061, "024 7600 0004");
        UUID celcOffice = location("location:celc-office", CELC, "Central England Law Centre", false, "Bayley Lane", "Coventry",
                "CV1 5RN", "Coventry", 52.4079, -1.5078, "024 7600 0005");

        DirectoryService s = service("service:fwt-connector", FWT, "Partnership Connector", "Receives referrals for women with several "
                + "needs, maps them against what the partnership offers and coordinates the onward referrals.", fwtCentre);
        s.connector = true;
        s.needCodes.addAll(List.of("domestic-abuse", "isolation", "confidence-wellbeing", "hardship-emergency-support"));
        s.spoc = Spoc.of(null, "fwt.connector1", "connector@fwt.example.org");
        s.responseWorkingDays = 2;
        weekdays(s, "09:00", "17:00");
        done(s, "Coventry");

        s = service("service:fwt-employment", FWT, "Employment and skills programme", "Employment support, training, ESOL classes "
                + "and help into work, with a creche.", fwtCentre);
        s.needCodes.addAll(List.of("employment-skills", "education-training", "english-language"));
        s.languages.addAll(List.of("en", "ur", "pa", "so"));
        s.acceptsSelfReferrals = true;
        s.minimumAge = 16;
        s.capacityStatus = CapacityStatus.HAS_CAPACITY;
        s.capacityAvailable = 8;
        s.capacityMaximum = 40;
        s.capacityUnit = "places";
        s.schedules.add(new ScheduleEntry("MO,TU,WE,TH", LocalTime.of(9, 30), LocalTime.of(15, 0), "Classes in term time"));
        done(s, "Coventry");

        s = service("service:fwt-keywork", FWT, "Key work and wellbeing", "A named key worker, wellbeing groups and help with "
                + "hardship, isolation and confidence.", fwtCentre);
        s.needCodes.addAll(List.of("confidence-wellbeing", "isolation", "mental-health", "peer-support-groups",
                "hardship-emergency-support", "children-family-support", "parenting"));
        s.languages.addAll(List.of("en", "ur", "pa"));
        s.interpretingLanguages.addAll(List.of("ar", "bn"));
        s.acceptsSelfReferrals = true;
        weekdays(s, "09:00", "17:00");
        done(s, "Coventry");

        s = service("service:crasac-counselling", CRASAC, "Sexual violence counselling", "Specialist counselling for anyone affected "
                + "by rape, sexual violence or childhood sexual abuse.", crasacCentre);
        s.needCodes.addAll(List.of("sexual-violence", "counselling", "mental-health"));
        s.minimumAge = 13;
        s.acceptsSelfReferrals = true;
        s.capacityStatus = CapacityStatus.WAITLIST;
        s.capacityWaitWeeks = 12;
        s.spoc = Spoc.of(null, null, "counselling@crasac.example.org");
        weekdays(s, "09:00", "17:00");
        done(s, "Coventry", "Warwickshire");

        s = service("service:crasac-isva", CRASAC, "Independent sexual violence advice", "Independent advisers through the police and "
                + "court process, and legal options after sexual violence.", crasacCentre);
        s.needCodes.addAll(List.of("sexual-violence", "protection-orders", "stalking-harassment"));
        s.minimumAge = 13;
        s.acceptsSelfReferrals = true;
        s.responseWorkingDays = 2;
        done(s, "Coventry", "Warwickshire");

        s = service("service:crasac-circle", CRASAC, "Women's Circle", "A peer support group for women survivors.", crasacCentre);
        s.needCodes.addAll(List.of("peer-support-groups", "confidence-wellbeing", "isolation"));
        s.gender = Gender.WOMEN;
        s.minimumAge = 18;
        s.acceptsSelfReferrals = true;
        s.schedules.add(new ScheduleEntry("WE", LocalTime.of(18, 0), LocalTime.of(20, 0), "Wednesday evenings"));
        done(s, "Coventry");

        s = service("service:kairos-keywork", KAIROS, "Key work for women involved in sex work or exploitation", "Outreach and key "
                + "work for women involved in sex work or sexually exploited: housing, health, substance use and safety.", kairosHub);
        s.needCodes.addAll(List.of("sex-work-support", "trafficking-exploitation", "substance-use", "housing-homelessness", "physical-health"));
        s.gender = Gender.WOMEN;
        s.minimumAge = 18;
        s.acceptsSelfReferrals = true;
        s.acceptNrpf(true);
        weekdays(s, "10:00", "16:00");
        done(s, "Coventry");

        s = service("service:kairos-forced-marriage", KAIROS, "Forced marriage and honour-based abuse support", "Safety planning "
                + "and support for women facing forced marriage or honour-based abuse.", kairosHub);
        s.needCodes.addAll(List.of("forced-marriage", "honour-based-violence", "domestic-abuse"));
        s.languages.addAll(List.of("en", "ur", "pa"));
        s.interpretingLanguages.addAll(List.of("ar", "ps"));
        s.gender = Gender.WOMEN;
        s.minimumAge = 16;
        s.acceptsSelfReferrals = true;
        s.acceptNrpf(true);
        done(s, "Coventry");

        s = service("service:haven-refuge", HAVEN, "Refuge", "Safe accommodation for women and their children escaping domestic "
                + "abuse, at a confidential address.", refuge);
        s.needCodes.addAll(List.of("refuge-safe-accommodation", "domestic-abuse", "coercive-control", "children-family-support"));
        s.gender = Gender.WOMEN;
        s.minimumAge = 18;
        s.capacityAvailable = 1;
        s.capacityMaximum = 12;
        s.capacityUnit = "rooms";
        s.responseWorkingDays = 1;
        s.remindBeforeWorkingDays = 0;
        s.expireAfterWorkingDays = 5;
        s.spoc = Spoc.of(null, null, "refuge@haven.example.org");
        s.phone = "024 7600 0444";
        done(s, "Coventry");

        s = service("service:haven-outreach", HAVEN, "Domestic abuse outreach and drop-ins", "Community outreach, safety planning and "
                + "weekly drop-ins for women experiencing domestic abuse.", havenDropIn);
        s.needCodes.addAll(List.of("domestic-abuse", "coercive-control", "tech-abuse", "financial-abuse", "stalking-harassment"));
        s.gender = Gender.WOMEN;
        s.minimumAge = 16;
        s.acceptsSelfReferrals = true;
        s.supportWeeks = 12; // outreach support is time-limited; extendable (ADR 0073)
        s.schedules.add(new ScheduleEntry("TU,TH", LocalTime.of(10, 0), LocalTime.of(13, 0), "Drop-in"));
        done(s, "Coventry");

        s = service("service:celc-immigration", CELC, "Immigration advice", "Immigration advice and legal aid, including for survivors "
                + "of domestic abuse: DDVC, indefinite leave (DVILR), asylum, no recourse to public funds.", celcOffice);
        s.needCodes.addAll(List.of("legal-immigration", "nrpf", "ddvc", "dvilr", "asylum"));
        s.eligibilityCodes.add("ddvc-eligible");
        s.languages.add("en");
        s.interpretingLanguages.addAll(List.of("ur", "pa"));
        s.acceptNrpf(true);
        s.feesDescription = "Free (legal aid or grant funded).";
        s.spoc = Spoc.of(null, "celc.coordinator1", "immigration@celc.example.org");
        s.responseWorkingDays = 3;
        weekdays(s, "09:30", "17:00");
        done(s, "Coventry", "Warwickshire");
        contact("contact:celc-immigration-supervisor", CELC, s.id, "Immigration supervisor", "supervisor@celc.example.org", false);

        s = service("service:celc-benefits", CELC, "Welfare benefits advice", "Advice and appeals on welfare benefits.", celcOffice);
        s.needCodes.addAll(List.of("welfare-benefits", "legal-benefits", "money-debt"));
        s.languages.add("en");
        s.interpretingLanguages.addAll(List.of("ur", "pa"));
        s.capacityStatus = CapacityStatus.ASSESSMENT_REQUIRED;
        done(s, "Coventry");

        s = service("service:celc-housing", CELC, "Housing and eviction advice", "Housing law advice and representation against eviction.",
                celcOffice);
        s.needCodes.addAll(List.of("legal-housing", "eviction", "housing-homelessness"));
        s.languages.add("en");
        done(s, "Coventry");

        s = service("service:celc-family", CELC, "Family law advice", "Divorce, child arrangements and protection orders.", celcOffice);
        s.needCodes.addAll(List.of("legal-family", "divorce", "child-arrangements", "protection-orders"));
        s.languages.add("en");
        s.capacityStatus = CapacityStatus.WAITLIST;
        s.capacityWaitWeeks = 4;
        done(s, "Coventry");
    }

    private void migrantVictimsServices() {
        migrantService(SBS, "sbs", "London", List.of("London", "South East"), List.of("en", "hi", "pa", "ur", "gu"), List.of("bn", "ta"),
                51.5096, -0.3763, "UB1 1AA", Nation.ENGLAND_AND_WALES);
        migrantService(ASHIANA, "ashiana", "Sheffield", List.of("North East", "Yorkshire and the Humber", "East Midlands"),
                List.of("en", "ur", "ar"), List.of("fa", "ku"), 53.3811, -1.4701, "S1 2BJ", Nation.ENGLAND_AND_WALES);
        migrantService(BAWSO, "bawso", "Cardiff", List.of("Wales"), List.of("en", "cy", "ar"), List.of("so", "ur"), 51.4816, -3.1791,
                "CF10 1AA", Nation.ENGLAND_AND_WALES);
        migrantService(BSWA, "bswa", "Birmingham", List.of("Birmingham", "Solihull"), List.of("en", "ur", "pa"), List.of("bn", "so"),
                52.4862, -1.8904, "B1 1AA", Nation.ENGLAND_AND_WALES);
        migrantService(FOYLE, "foyle", "Derry", List.of("Northern Ireland"), List.of("en"), List.of("pl", "ar"), 54.9966, -7.3086,
                "BT48 6AA", Nation.NORTHERN_IRELAND);
        migrantService(SHAKTI, "shakti", "Edinburgh", List.of("Scotland"), List.of("en", "ur", "pa"), List.of("ar", "zh"), 55.9533,
                -3.1883, "EH1 1AA", Nation.SCOTLAND);
    }

    private void migrantService(UUID org, String key, String city, List<String> areas, List<String> languages,
            List<String> interpreting, double lat, double lon, String postcode, Nation nation) {
        UUID office = location("location:" + key + "-office", org, city + " office", false, "High Street", city, postcode, city,
                lat, lon, null);
        DirectoryService s = service("service:" + key + "-smv", org, "Support for Migrant Victims", "Casework, safety planning and "
                + "subsistence for migrant victims of domestic abuse with no recourse to public funds: up to 12 weeks "
                + "(6 where DDVC-eligible), extendable.", office);
        s.needCodes.addAll(List.of("domestic-abuse", "legal-immigration", "nrpf", "ddvc", "hardship-emergency-support"));
        s.eligibilityCodes.add("ddvc-eligible"); // ADR 0063: who it can support, beside what it helps with
        s.supportWeeks = 12; // ADR 0073: the support period's limit, 6 weeks where she is DDVC-eligible
        s.supportWeeksIfDdvcEligible = 6;
        s.languages.addAll(languages);
        s.interpretingLanguages.addAll(interpreting);
        s.gender = Gender.WOMEN;
        s.minimumAge = 16;
        s.acceptNrpf(true);
        s.nation = nation;
        weekdays(s, "09:00", "17:00");
        done(s, areas.toArray(String[]::new));
        if (org.equals(BSWA)) {
            DirectoryService r = service("service:bswa-refuge", BSWA, "Refuge and safe accommodation", "Refuge places for women and "
                    + "children, including specialist provision for women from minoritised communities.", null);
            r.needCodes.addAll(List.of("refuge-safe-accommodation", "domestic-abuse"));
            r.gender = Gender.WOMEN;
            r.minimumAge = 18;
            r.capacityStatus = CapacityStatus.NO_CAPACITY;
            done(r, "Birmingham", "Solihull");
        }
    }

    private void mwnukServices() {
        DirectoryService s = service("service:mwnuk-helpline", MWNUK, "Muslim Women's Network Helpline", "National, faith and culturally "
                + "sensitive helpline: listening, information and referral; complex cases go to the caseworker service.", null);
        s.needCodes.addAll(List.of("domestic-abuse", "forced-marriage", "honour-based-violence", "isolation", "mental-health",
                "confidence-wellbeing"));
        s.languages.addAll(List.of("en", "ur", "pa", "ar", "bn"));
        s.interpretingLanguages.addAll(List.of("so", "fa"));
        s.acceptsSelfReferrals = true;
        s.phone = "0800 999 0001";
        s.schedules.add(new ScheduleEntry("MO,TU,WE,TH,FR", LocalTime.of(10, 0), LocalTime.of(16, 0), "Helpline hours"));
        done(s, "United Kingdom");

        s = service("service:mwnuk-casework", MWNUK, "Caseworker service", "Casework for complex cases (three or more needs) referred by "
                + "the helpline and partners: advocacy, safety planning, forced marriage, immigration and housing.", null);
        s.needCodes.addAll(List.of("domestic-abuse", "forced-marriage", "honour-based-violence", "housing-homelessness",
                "legal-immigration", "complaints-about-public-services"));
        s.languages.addAll(List.of("en", "ur", "pa", "ar"));
        s.interpretingLanguages.addAll(List.of("bn", "so"));
        s.gender = Gender.WOMEN;
        s.acceptsSelfReferrals = false;
        s.acceptNrpf(true);
        s.minimumNeeds = 3; // complex cases only (docs/domain.md): the send refuses fewer needs
        s.capacityStatus = CapacityStatus.WAITLIST;
        s.capacityWaitWeeks = 3;
        weekdays(s, "09:30", "16:30");
        done(s, "United Kingdom");
    }

    /**
     * A Changing Futures-style area (issue 16 item 10; names invented, the area real): a programme hub whose navigators
     * hold small caseloads (7-12, set through referral-service's caseload limit) and a team around each person from the
     * agencies already involved - drug and alcohol, mental health, a women's centre and housing - under one agreement.
     */
    private void changingFutures() {
        organisation(CF_HUB, "Changing Futures Stoke-on-Trent (demo)", "Lead of the area's Changing Futures programme for people "
                + "facing multiple disadvantage: navigators with small caseloads who coordinate the team around each person.",
                "cf-stoke", "https://changingfutures.example.org", Nation.ENGLAND_AND_WALES, "cf.coordinator1", true);
        organisation(CF_RECOVERY, "Potteries Recovery Partnership (demo)", "Drug and alcohol treatment and recovery support.",
                "recovery-stoke", "https://recovery.example.org", Nation.ENGLAND_AND_WALES, "recovery.coordinator1", true);
        organisation(CF_MIND, "Potteries Mental Health Support (demo)", "Community mental health support, crisis café and "
                + "counselling.", "mind-stoke", "https://mentalhealth.example.org", Nation.ENGLAND_AND_WALES, "mind.coordinator1", true);
        organisation(CF_WOMENS_CENTRE, "Stoke Women's Centre (demo)", "Domestic abuse and trauma-informed support for women, "
                + "including women involved in the criminal justice system.", "swc-stoke", "https://womenscentre.example.org",
                Nation.ENGLAND_AND_WALES, "swc.coordinator1", true);
        organisation(CF_HOUSING, "Potteries Housing First (demo)", "Housing First tenancies and homelessness prevention.",
                "housing-stoke", "https://housingfirst.example.org", Nation.ENGLAND_AND_WALES, "housing.coordinator1", true);
        partnership(CHANGING_FUTURES_PARTNERSHIP, "Changing Futures Stoke-on-Trent (demo)", "A Changing Futures area: the programme "
                + "hub and the agencies already working with people facing multiple disadvantage, sharing one agreement.", CF_HUB,
                List.of(CF_RECOVERY, CF_MIND, CF_WOMENS_CENTRE, CF_HOUSING), List.of(),
                "Changing Futures Stoke-on-Trent information sharing agreement", "1.0", LocalDate.of(2026, 4, 1), LocalDate.of(2028, 3, 31));
        calendar(CHANGING_FUTURES_PARTNERSHIP, "P3M", LocalDate.of(2026, 4, 1)); // the programme's quarterly returns

        UUID hub = location("location:cf-hub", CF_HUB, "Changing Futures hub", false, "Hanley Street", "Stoke-on-Trent", "ST1 1AA",
                "Stoke-on-Trent", 53.0246, -2.1766, "01782 000 001");
        DirectoryService s = service("service:cf-navigators", CF_HUB, "Navigators", "A navigator for people with three or more of "
                + "homelessness, substance use, mental ill-health, domestic abuse and contact with the criminal justice system: "
                + "one relationship, the team around the person, and help through every service.", hub);
        s.needCodes.addAll(List.of("housing-homelessness", "substance-use", "mental-health", "domestic-abuse", "isolation",
                "hardship-emergency-support"));
        s.minimumNeeds = 3; // multiple disadvantage: three or more needs
        s.minimumAge = 18;
        s.acceptsSelfReferrals = true;
        s.spoc = Spoc.of(null, "cf.coordinator1", "navigators@cf-stoke.example.org");
        s.capacityStatus = CapacityStatus.WAITLIST;
        s.capacityWaitWeeks = 2;
        weekdays(s, "09:00", "17:00");
        done(s, "Stoke-on-Trent");

        s = service("service:cf-recovery", CF_RECOVERY, "Drug and alcohol recovery", "Assessment, treatment, harm reduction and "
                + "recovery groups; women-only sessions.", location("location:cf-recovery", CF_RECOVERY, "Recovery centre", false,
                        "Bucknall New Road", "Stoke-on-Trent", "ST1 2AA", "Stoke-on-Trent", 53.0260, -2.1700, "01782 000 002"));
        s.needCodes.addAll(List.of("substance-use", "peer-support-groups"));
        s.acceptsSelfReferrals = true;
        s.responseWorkingDays = 3;
        weekdays(s, "09:00", "17:00");
        done(s, "Stoke-on-Trent", "Staffordshire");

        s = service("service:cf-mental-health", CF_MIND, "Community mental health support", "One-to-one support, a crisis café "
                + "in the evenings and counselling.", location("location:cf-mind", CF_MIND, "Mental health hub", false, "Stafford Street",
                        "Stoke-on-Trent", "ST1 3AA", "Stoke-on-Trent", 53.0250, -2.1780, "01782 000 003"));
        s.needCodes.addAll(List.of("mental-health", "counselling", "confidence-wellbeing", "isolation"));
        s.acceptsSelfReferrals = true;
        s.capacityStatus = CapacityStatus.WAITLIST;
        s.capacityWaitWeeks = 6;
        weekdays(s, "10:00", "18:00");
        done(s, "Stoke-on-Trent");

        s = service("service:cf-womens-centre", CF_WOMENS_CENTRE, "Women's support and domestic abuse", "Domestic abuse support, "
                + "trauma-informed key work and groups for women, including women in contact with the criminal justice system.",
                location("location:cf-womens-centre", CF_WOMENS_CENTRE, "Women's centre", false, "Piccadilly", "Stoke-on-Trent",
                        "ST1 4AA", "Stoke-on-Trent", 53.0240, -2.1770, "01782 000 004"));
        s.needCodes.addAll(List.of("domestic-abuse", "coercive-control", "sexual-violence", "peer-support-groups", "confidence-wellbeing"));
        s.gender = Gender.WOMEN;
        s.acceptsSelfReferrals = true;
        s.responseWorkingDays = 2;
        weekdays(s, "09:00", "17:00");
        done(s, "Stoke-on-Trent");

        s = service("service:cf-housing-first", CF_HOUSING, "Housing First", "A tenancy first, with intensive support for as long "
                + "as it is needed; homelessness prevention.", location("location:cf-housing", CF_HOUSING, "Housing First office", false,
                        "Town Road", "Stoke-on-Trent", "ST1 5AA", "Stoke-on-Trent", 53.0270, -2.1750, "01782 000 005"));
        s.needCodes.addAll(List.of("housing-homelessness", "eviction", "welfare-benefits", "money-debt"));
        s.minimumAge = 18;
        s.capacityStatus = CapacityStatus.NO_CAPACITY;
        weekdays(s, "09:00", "17:00");
        done(s, "Stoke-on-Trent");
    }

    /** Statutory partners for Coventry (ADR 0091): kind STATUTORY, one referral service each, SPOC a coordinator. */
    private void statutoryPartners() {
        statutory(WMP_DA_UNIT, StatutoryRole.POLICE_DA_UNIT, "West Midlands Police domestic abuse unit", "Police domestic abuse "
                + "investigation and safeguarding for Coventry, Birmingham and the Black Country.", "wmp",
                "https://www.westmidlands.police.uk", "wmp.coordinator1");
        statutory(COVENTRY_MARAC, StatutoryRole.MARAC_COORDINATOR, "Coventry MARAC coordinator", "Coordinates Coventry's "
                + "Multi-Agency Risk Assessment Conference for victims of domestic abuse at high risk of serious harm.", "marac",
                "https://www.coventry.gov.uk", "marac.coordinator1");
        statutory(WM_SARC, StatutoryRole.SARC, "West Midlands sexual assault referral centre", "Forensic medical examination, "
                + "crisis support and onward referral after rape or sexual assault, whether or not she reports to the police.",
                "sarc", "https://www.nhs.uk", "sarc.coordinator1");

        DirectoryService s = service("service:wmp-da-referrals", WMP_DA_UNIT, "Domestic abuse unit referrals", "Professional "
                + "referrals to the police domestic abuse unit (in an emergency call 999).", null);
        s.needCodes.addAll(List.of("domestic-abuse", "stalking-harassment", "protection-orders"));
        s.acceptsSelfReferrals = false;
        s.responseWorkingDays = 1;
        s.remindBeforeWorkingDays = 0; // a one-day target has no day before it to remind on (the import's rule: remind < target)
        weekdays(s, "08:00", "20:00");
        done(s, "Coventry", "Birmingham");

        s = service("service:coventry-marac-referrals", COVENTRY_MARAC, "MARAC referrals", "Referrals of women at high risk "
                + "(DASH risk assessment, or professional judgement) to Coventry's MARAC.", null);
        s.needCodes.addAll(List.of("domestic-abuse"));
        s.acceptsSelfReferrals = false;
        s.responseWorkingDays = 2;
        weekdays(s, "09:00", "17:00");
        done(s, "Coventry");

        s = service("service:wm-sarc-referrals", WM_SARC, "SARC referrals", "Referrals to the sexual assault referral centre: "
                + "forensic examination, crisis worker, ISVA.", null);
        s.needCodes.addAll(List.of("sexual-violence", "physical-health"));
        s.gender = Gender.WOMEN;
        s.acceptsSelfReferrals = false;
        s.responseWorkingDays = 1;
        s.remindBeforeWorkingDays = 0; // a one-day target has no day before it to remind on (the import's rule: remind < target)
        weekdays(s, "09:00", "17:00");
        done(s, "Coventry", "Birmingham");
    }

    private void statutory(UUID id, StatutoryRole role, String name, String description, String key, String website, String spoc) {
        organisation(id, name, description, key, website, Nation.ENGLAND_AND_WALES, spoc, false);
        Organisation o = Organisation.findById(id);
        if (o.statutoryRole == null) {
            o.kind = Organisation.Kind.STATUTORY;
            o.statutoryRole = role;
        }
    }

    // ---- helpers: insert only what is absent ----

    private void organisation(UUID id, String name, String description, String key, String website, Nation nation,
            String spocUsername, boolean capacityPublic) {
        if (Organisation.findById(id) != null) return;
        Organisation o = new Organisation();
        o.id = id;
        o.name = name;
        o.description = description;
        o.email = "info@" + key + ".example.org";
        o.website = website;
        o.nation = nation;
        o.spoc = Spoc.of(null, spocUsername, "referrals@" + key + ".example.org");
        o.capacityPublic = capacityPublic;
        o.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        o.persist();
        inserted++;
        contact("contact:" + key + "-enquiries", id, null, "General enquiries", "info@" + key + ".example.org", true);
    }

    private void partnership(UUID id, String name, String description, UUID lead, List<UUID> members, List<UUID> reporting,
            String dsaTitle, String dsaVersion, LocalDate from, LocalDate to) {
        if (Partnership.findById(id) != null) return;
        Partnership p = new Partnership();
        p.id = id;
        p.name = name;
        p.description = description;
        p.leadOrganisationId = lead;
        p.persist();
        member(id, lead, PartnershipMember.Role.LEAD, from);
        members.forEach(m -> member(id, m, PartnershipMember.Role.MEMBER, from));
        reporting.forEach(m -> member(id, m, PartnershipMember.Role.REPORTING, from));
        DataSharingAgreement a = new DataSharingAgreement();
        a.id = id("dsa:" + id);
        a.partnershipId = id;
        a.title = dsaTitle;
        a.agreementVersion = dsaVersion;
        a.startsOn = from;
        a.endsOn = to;
        a.parties.add(lead);
        a.parties.addAll(members); // reporting partners see aggregates only: not parties to personal-data sharing
        a.persist();
        inserted++;
    }

    private void member(UUID partnership, UUID org, PartnershipMember.Role role, LocalDate from) {
        PartnershipMember m = new PartnershipMember();
        m.partnershipId = partnership;
        m.organisationId = org;
        m.role = role;
        m.joinedOn = from;
        m.persist();
    }

    private UUID location(String key, UUID org, String name, boolean confidential, String street, String city, String postcode,
            String area, double lat, double lon, String phone) {
        UUID id = id(key);
        if (Location.findById(id) != null) return id;
        Location l = new Location();
        l.id = id;
        l.organisationId = org;
        l.name = name;
        l.confidential = confidential;
        l.address1 = "1 " + street;
        l.city = city;
        l.postcode = postcode;
        l.area = area;
        l.latitude = lat;
        l.longitude = lon;
        l.phone = phone;
        l.persist();
        inserted++;
        return id;
    }

    private void contact(String key, UUID org, UUID service, String title, String email, boolean isPublic) {
        UUID id = id(key);
        if (Contact.findById(id) != null) return;
        Contact c = new Contact();
        c.id = id;
        c.organisationId = org;
        c.serviceId = service;
        c.title = title;
        c.email = email;
        c.isPublic = isPublic;
        c.persist();
        inserted++;
    }

    /** A new, not yet persisted service (or a detached placeholder when it exists, which {@link #done} skips). */
    private DirectoryService service(String key, UUID org, String name, String description, UUID location) {
        DirectoryService s = new DirectoryService();
        s.id = id(key);
        s.organisationId = org;
        s.name = name;
        s.description = description;
        s.status = "active";
        s.source = DirectoryService.Source.DEMO;
        s.sourceRef = key;
        s.nation = Nation.ENGLAND_AND_WALES;
        pendingLocation = location;
        return s;
    }

    private UUID pendingLocation;

    private void weekdays(DirectoryService s, String opens, String closes) {
        s.schedules.add(new ScheduleEntry("MO,TU,WE,TH,FR", LocalTime.parse(opens), LocalTime.parse(closes), null));
    }

    private void done(DirectoryService s, String... areas) {
        UUID location = pendingLocation;
        if (DirectoryService.findById(s.id) != null) return;
        s.areas.addAll(List.of(areas));
        writes.insertDemoService(s, location);
        inserted++;
    }
}
