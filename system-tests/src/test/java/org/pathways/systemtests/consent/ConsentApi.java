package org.pathways.systemtests.consent;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.pathways.stack.testing.StackInfo;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * consent-service as the launcher runs it beside the other three (its packaged jar, on the test ports), and the demo
 * directory's ids. {@link #given()} stands where these tests' {@code RestAssured.given()} stood in consent-service's
 * own module: relative paths go to consent-service.
 */
final class ConsentApi {

    static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String HAVEN = "5e1f0000-0000-4000-8000-000000000004";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String WBG = "5e1f0000-0000-4000-8000-000000000006";
    static final String SBS = "5e1f0000-0000-4000-8000-000000000007";
    /** The Coventry Women's Partnership as the demo directory knows it. */
    static final String COVENTRY = demoId("partnership:coventry");

    private ConsentApi() {
    }

    /** The directory's demo ids: name-based UUIDs of "pathways-demo:&lt;key&gt;". */
    static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A request to consent-service. */
    static RequestSpecification given() {
        return RestAssured.given().baseUri(StackInfo.serviceUrl("consent"));
    }

    static String url(String service, String path) {
        return StackInfo.serviceUrl(service) + path;
    }
}
