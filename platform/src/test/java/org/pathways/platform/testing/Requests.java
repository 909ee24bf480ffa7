package org.pathways.platform.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A JSON request as a demo user, with the user's real token ({@link Tokens}). */
public final class Requests {

    private Requests() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }
}
