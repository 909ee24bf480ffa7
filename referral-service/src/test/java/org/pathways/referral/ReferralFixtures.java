package org.pathways.referral;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.pathways.referral.Fixtures.as;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Demo partnership data (directory demo ids) and calls to the real consent-service for referral tests. */
public final class ReferralFixtures {

    public static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    public static final String HAVEN = "5e1f0000-0000-4000-8000-000000000004";
    public static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    public static final String HAVEN_OUTREACH = demoId("service:haven-outreach");
    public static final String SBS = "5e1f0000-0000-4000-8000-000000000007";
    public static final String COVENTRY = demoId("partnership:coventry");
    public static final String CRASAC_COUNSELLING = demoId("service:crasac-counselling");
    public static final String CELC_IMMIGRATION = demoId("service:celc-immigration");
    public static final String FWT_EMPLOYMENT = demoId("service:fwt-employment");
    public static final String FWT_CONNECTOR = demoId("service:fwt-connector");
    public static final String KAIROS_KEYWORK = demoId("service:kairos-keywork");

    private ReferralFixtures() {
    }

    /** The directory's demo ids: name-based UUIDs of "pathways-demo:<key>". */
    public static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String consentUrl() {
        return ConfigProvider.getConfig().getValue("pathways.consent.url", String.class);
    }

    public static String directoryUrl() {
        return ConfigProvider.getConfig().getValue("pathways.directory.url", String.class);
    }

    /** A subject registered by {@code user}, once consent-service has learned of her from referral.events. */
    public static String registeredAndKnownToConsent(String user) {
        String subject = Fixtures.register(user);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().auth().oauth2(Tokens.forUser(user)).get(consentUrl() + "/api/subjects/" + subject + "/consents")
                        .statusCode() == 200);
        return subject;
    }

    /** Records her first consent: each recipient organisation gets the purposes and categories given. */
    public static String recordConsent(String user, String subject, List<String> recipientOrganisations, List<String> purposes,
            List<String> categories) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> provision = Map.of(
                "recipients", recipientOrganisations.stream().map(o -> Map.of("type", "ORGANISATION", "id", o)).toList(),
                "purposes", purposes, "categories", categories,
                "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString());
        Map<String, Object> body = new HashMap<>(Map.of("partnershipId", COVENTRY, "provisions", List.of(provision),
                "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                "art9Condition", "EXPLICIT_CONSENT"));
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON).body(body)
                .post(consentUrl() + "/api/subjects/" + subject + "/consents").then().statusCode(201).extract().path("id");
    }

    /** Records her first consent with one provision per recipient organisation: organisation -> categories. */
    public static String recordConsent(String user, String subject, Map<String, List<String>> categoriesByOrganisation,
            List<String> purposes) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Map<String, Object>> provisions = categoriesByOrganisation.entrySet().stream().map(e -> Map.<String, Object>of(
                "recipients", List.of(Map.of("type", "ORGANISATION", "id", e.getKey())), "purposes", purposes,
                "categories", e.getValue(), "validFrom", now.minusMinutes(5).toString(),
                "validUntil", now.plusMonths(6).toString())).toList();
        Map<String, Object> body = new HashMap<>(Map.of("partnershipId", COVENTRY, "provisions", provisions,
                "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                "art9Condition", "EXPLICIT_CONSENT"));
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON).body(body)
                .post(consentUrl() + "/api/subjects/" + subject + "/consents").then().statusCode(201).extract().path("id");
    }

    /** Withdraws her whole consent; effective for the very next decision. */
    public static void withdraw(String user, String consentId) {
        given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post(consentUrl() + "/api/consents/" + consentId + "/withdrawals").then().statusCode(200);
    }

    /** Requests an override as {@code requester} and has {@code approver} approve it; returns its id. */
    public static String approvedOverride(String requester, String approver, String subject, String recipientOrg,
            List<String> purposes, List<String> categories) {
        Map<String, Object> body = Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                "justification", "Risk to life; she cannot be told safely yet.",
                "recipients", List.of(Map.of("type", "ORGANISATION", "id", recipientOrg)), "purposes", purposes,
                "categories", categories, "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString());
        String id = given().auth().oauth2(Tokens.forUser(requester)).contentType(ContentType.JSON).body(body)
                .post(consentUrl() + "/api/subjects/" + subject + "/overrides").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.forUser(approver)).post(consentUrl() + "/api/overrides/" + id + "/approval").then()
                .statusCode(200);
        return id;
    }

    public static Map<String, Object> referral(String subject, String service, List<String> needs, List<String> sections) {
        Map<String, Object> m = new HashMap<>();
        m.put("subjectId", subject);
        m.put("toServiceId", service);
        m.put("needs", needs);
        m.put("urgency", "ROUTINE");
        m.put("sections", sections);
        m.put("personKnows", true);
        return m;
    }

    public static ValidatableResponse send(String user, Map<String, Object> body) {
        return as(user).body(body).post("/api/referrals").then();
    }

    public static ValidatableResponse move(String user, String referral, long version, Map<String, Object> body) {
        return as(user).header("If-Match", "\"" + version + "\"").body(body).post("/api/referrals/" + referral + "/transitions").then();
    }
}
