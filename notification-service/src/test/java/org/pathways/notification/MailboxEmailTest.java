package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.notification.TestEvents.SafeguardingOverride;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Organisation mailboxes get the same short e-mails as people, at the mailbox address the organisation named in the
 * directory (a service's own SPOC mailbox for notices about that service), over real SMTP (GreenMail), once per event.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class MailboxEmailTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    @Inject
    org.pathways.notification.client.DirectoryClient directory;

    /** Waits until this service's own routing lookup (cached for 2 s in tests) answers the given SPOC mailbox. */
    private void awaitRoutedMailbox(String mailbox) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> directory.spoc(TestEvents.CELC_IMMIGRATION)
                .map(org.pathways.notification.client.DirectoryClient.Spoc::mailbox).filter(mailbox::equals).isPresent());
    }

    static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).trim();
    }

    @Test
    void aReferralsMailboxNoticesGoToTheServiceMailboxAndTheAnswerToTheSendersMailboxOnce() throws Exception {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        String reference = "R-" + r.referralId().toString().substring(0, 8).toUpperCase();
        EventEnvelope sent = TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
        TestEvents.publish(sent); // a duplicate: still one e-mail
        TestEvents.publish(r.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2,
                TestEvents.userId("celc.coordinator1"), null));

        // The immigration service names its own mailbox (demo data): the receiving side's notice goes there.
        await().atMost(WAIT).until(() -> EmailTest.mailsTo("immigration@celc.example.org", reference).size() == 1);
        MimeMessage mail = EmailTest.mailsTo("immigration@celc.example.org", reference).get(0);
        assertEquals("A new referral is waiting for your service. Open Pathways to view it. Reference " + reference + ".", body(mail));
        assertEquals("Pathways: referral update", mail.getSubject());
        assertTrue(mail.getContentType().startsWith("text/plain"));
        // The answer goes to the sending organisation's mailbox (its organisation-level SPOC's address).
        await().atMost(WAIT).until(() -> EmailTest.mailsTo("referrals@kairos.example.org", reference).size() == 1);
        assertEquals("Your referral was accepted. Open Pathways to view it. Reference " + reference + ".",
                body(EmailTest.mailsTo("referrals@kairos.example.org", reference).get(0)));
        // The answer came after the duplicate on the same partition: the duplicate was consumed and sent nothing.
        assertEquals(1, EmailTest.mailsTo("immigration@celc.example.org", reference).size());
        // Never the organisation's public enquiry address.
        assertTrue(EmailTest.mailsTo("info@celc.example.org", reference).isEmpty());
        assertTrue(EmailTest.mailsTo("info@kairos.example.org", reference).isEmpty());
    }

    /**
     * ADR 0049 (issue 14, finding 10): a SPOC whose own address is also the service's mailbox address gets one e-mail
     * per event, not two. The SPOC is changed through the real directory API and put back afterwards.
     */
    @Test
    void aSpocWhoseAddressIsTheMailboxGetsOneEmailPerEvent() throws Exception {
        String directory = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("pathways.directory.url", String.class);
        String admin = org.pathways.platform.testing.Tokens.forUser("celc.admin1");
        String own = "celc.coordinator1@demo.pathways.invalid";
        io.restassured.RestAssured.given().auth().oauth2(org.pathways.platform.testing.Tokens.forUser("celc.coordinator1"))
                .contentType("application/json").body("{\"enabled\":true}").put("/api/preferences/email").then().statusCode(200);
        try {
            io.restassured.RestAssured.given().baseUri(directory).auth().oauth2(admin).contentType("application/json")
                    .body("{\"username\":\"celc.coordinator1\",\"mailbox\":\"" + own + "\"}")
                    .put("/api/services/" + TestEvents.CELC_IMMIGRATION + "/spoc").then().statusCode(200);
            awaitRoutedMailbox(own); // the routing lookup is cached (2 s in tests): wait until it answers the change
            Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
            String reference = "R-" + r.referralId().toString().substring(0, 8).toUpperCase();
            EventEnvelope sent = TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
            // Both e-mails (hers and the mailbox's) are decided; one went, the other was skipped as the same address.
            await().atMost(WAIT).until(() -> outcomes(sent.id()).size() == 2 && !outcomes(sent.id()).contains("PENDING"));
            assertEquals(List.of("SENT", "SKIPPED"), outcomes(sent.id()).stream().sorted().toList());
            assertEquals(1, EmailTest.mailsTo(own, reference).size());
        } finally {
            io.restassured.RestAssured.given().baseUri(directory).auth().oauth2(admin).contentType("application/json")
                    .body("{\"username\":\"celc.coordinator1\",\"mailbox\":\"immigration@celc.example.org\"}")
                    .put("/api/services/" + TestEvents.CELC_IMMIGRATION + "/spoc").then().statusCode(200);
            awaitRoutedMailbox("immigration@celc.example.org"); // the next test sees the SPOC as it was
        }
    }

    /**
     * ADR 0081 (issue 19): while another replica decides an event's e-mails (it holds that event's lock), this replica
     * leaves them pending instead of sending beside it; once the other is done, they are sent, once.
     */
    @Test
    void anEventsEmailsWaitWhileAnotherReplicaIsDecidingThem() throws Exception {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        String reference = "R-" + r.referralId().toString().substring(0, 8).toUpperCase();
        EventEnvelope sent = r.sent(TestEvents.userId("kairos.caseworker1"));
        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, org.pathways.notification.repository.EmailRepository.eventLockKey(sent.id()));
                lock.execute();
            }
            TestEvents.publish(sent);
            await().atMost(WAIT).until(() -> !outcomes(sent.id()).isEmpty());
            // Several polls (every 0.3 s in tests) while "the other replica" holds the event: nothing is decided.
            await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> outcomes(sent.id()).stream().allMatch("PENDING"::equals));
            assertTrue(EmailTest.mailsTo("immigration@celc.example.org", reference).isEmpty());
            other.rollback();
        }
        await().atMost(WAIT).until(() -> EmailTest.mailsTo("immigration@celc.example.org", reference).size() == 1);
        await().atMost(WAIT).until(() -> outcomes(sent.id()).stream().noneMatch("PENDING"::equals));
        assertEquals(1, EmailTest.mailsTo("immigration@celc.example.org", reference).size());
    }

    List<String> outcomes(String eventId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select o.status from email_outbox o join notification n on n.id = o.notification_id where n.event_id = ?")) {
            ps.setString(1, eventId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void aStaleCapacityNoticeForAMailboxOnlySpocGoesToThatMailbox() {
        String reference = "S-" + TestEvents.CRASAC_COUNSELLING.toString().substring(0, 8).toUpperCase();
        int before = EmailTest.mailsTo("counselling@crasac.example.org", reference).size();
        TestEvents.publish(TestEvents.capacityStale(TestEvents.CRASAC_COUNSELLING, TestEvents.CRASAC, "WAITLIST"));
        await().atMost(WAIT).until(() -> EmailTest.mailsTo("counselling@crasac.example.org", reference).size() == before + 1);
        List<MimeMessage> mails = EmailTest.mailsTo("counselling@crasac.example.org", reference);
        assertEquals("Please confirm your service's capacity in Pathways. Reference " + reference + ".", body(mails.get(mails.size() - 1)));
    }

    @Test
    void aMailboxWithoutAnAddressGetsItsInboxEntryAndNoEmail() throws Exception {
        // An organisation the directory does not know has no mailbox address: the e-mail is skipped, the entry stays.
        UUID unknownOrg = UUID.randomUUID();
        SafeguardingOverride o = SafeguardingOverride.of(unknownOrg, TestEvents.COVENTRY);
        TestEvents.publish(o.expired("APPROVED", 2));
        await().atMost(WAIT).until(() -> statuses(unknownOrg).equals(List.of("SKIPPED")));
        assertEquals(1, count("select count(*) from notification where recipient_kind = 'ORG' and recipient_id = ?", unknownOrg));
    }

    List<String> statuses(UUID org) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select status from email_outbox where organisation_id = ? order by id")) {
            ps.setObject(1, org);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    long count(String sql, UUID id) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
