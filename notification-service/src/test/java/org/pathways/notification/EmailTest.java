package org.pathways.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.platform.testing.Tokens;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** E-mail over real SMTP (GreenMail in this JVM, reached over the network by the Quarkus Mailer), per-user opt-in. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class EmailTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static List<MimeMessage> mailsTo(String address, String reference) {
        return Arrays.stream(NotificationTestResource.smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))
                        && GreenMailUtil.getBody(m).contains(reference);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void optedInUsersGetAShortPlainEmailWithoutPersonalDataOthersNone() throws Exception {
        given().auth().oauth2(Tokens.forUser("celc.coordinator1")).contentType("application/json").body("{\"enabled\":true}")
                .put("/api/preferences/email").then().statusCode(200).body("enabled", equalTo(true));
        given().auth().oauth2(Tokens.forUser("celc.coordinator1")).get("/api/preferences/email").then().statusCode(200)
                .body("enabled", equalTo(true));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker2")).contentType("application/json").body("{\"enabled\":false}")
                .put("/api/preferences/email").then().statusCode(200);

        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        String reference = "R-" + r.referralId().toString().substring(0, 8).toUpperCase();
        TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker2")));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_DECLINED, "DECLINED", "SENT", 2,
                TestEvents.userId("celc.coordinator1"), "NO_CAPACITY"));

        await().atMost(WAIT).until(() -> mailsTo("celc.coordinator1@demo.pathways.invalid", reference).size() == 1);
        MimeMessage mail = mailsTo("celc.coordinator1@demo.pathways.invalid", reference).get(0);
        String body = GreenMailUtil.getBody(mail).trim();
        assertEquals("A new referral is waiting for your service. Open Pathways to view it. Reference " + reference + ".", body);
        assertEquals("Pathways: referral update", mail.getSubject());
        assertTrue(mail.getContentType().startsWith("text/plain"));
        // The referrer did not opt in: inbox yes, e-mail no.
        await().atMost(WAIT).until(() -> Inbox.about("kairos.caseworker2", r.referralId()).size() == 1);
        // Deliberately quiet for 1.5 s: no e-mail for her may follow the inbox entry.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo("kairos.caseworker2@demo.pathways.invalid", reference).isEmpty());
        assertEquals(1, mailsTo("celc.coordinator1@demo.pathways.invalid", reference).size());
    }

    @Test
    void preferencesRefuseBadInputAndStrangers() {
        given().contentType("application/json").body("{\"enabled\":true}").put("/api/preferences/email").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser("wbg.evaluator1")).contentType("application/json").body("{\"enabled\":true}")
                .put("/api/preferences/email").then().statusCode(403);
        String token = Tokens.forUser("celc.caseworker1");
        given().auth().oauth2(token).contentType("application/json").body("{}").put("/api/preferences/email").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(org.hamcrest.Matchers.containsString("enabled")));
        given().auth().oauth2(token).contentType("application/json").body("{\"enabled\":true,\"email\":\"x@y\"}")
                .put("/api/preferences/email").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json").body("{\"enabled\":\"maybe\"}")
                .put("/api/preferences/email").then().statusCode(400);
    }
}
