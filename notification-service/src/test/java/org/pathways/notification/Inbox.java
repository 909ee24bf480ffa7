package org.pathways.notification;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.pathways.platform.testing.Tokens;

/** Reads inboxes through the real API, as the demo user herself. */
final class Inbox {

    private Inbox() {
    }

    /** Her inbox entries about this referral (or aggregate), newest first. */
    static List<Map<String, Object>> about(String username, UUID referralId) {
        List<Map<String, Object>> items = given().auth().oauth2(Tokens.forUser(username)).queryParam("size", 100)
                .get("/api/inbox").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> referralId.toString().equals(i.get("referralId"))).toList();
    }

    static List<Map<String, Object>> all(String username) {
        return given().auth().oauth2(Tokens.forUser(username)).queryParam("size", 100)
                .get("/api/inbox").then().statusCode(200).extract().jsonPath().getList("items");
    }
}
