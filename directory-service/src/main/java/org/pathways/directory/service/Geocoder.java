package org.pathways.directory.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.directory.domain.Gazetteer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Postcode to point. With {@code pathways.directory.geocoder.url} set, asks a postcodes.io-compatible API
 * ({@code GET {url}/postcodes/{postcode}}); without it, or when that API fails, falls back to the offline gazetteer:
 * the centre of the postcode's district or area (documented in the README). Postcodes are never logged.
 */
@ApplicationScoped
public class Geocoder {

    private static final Logger LOG = Logger.getLogger(Geocoder.class);

    /** {@code area}: the gazetteer area the point falls in, used to match service areas (may be null). */
    public record Point(double latitude, double longitude, String area) {
    }

    @ConfigProperty(name = "pathways.directory.geocoder.url", defaultValue = "none")
    String url;

    /** How long a search waits for the API before it falls back (connect and answer each). */
    @ConfigProperty(name = "pathways.directory.geocoder.timeout", defaultValue = "3S")
    Duration timeout;

    @Inject
    ObjectMapper mapper;

    private volatile HttpClient http;

    private HttpClient http() {
        HttpClient c = http;
        if (c == null) http = c = HttpClient.newBuilder().connectTimeout(timeout).build();
        return c;
    }

    /** @param normalisedPostcode from {@link Gazetteer#normalisePostcode} */
    public Optional<Point> locate(String normalisedPostcode) {
        Optional<Gazetteer.Area> area = Gazetteer.areaOfPostcode(normalisedPostcode);
        if (!"none".equals(url) && normalisedPostcode.contains(" ")) {
            try {
                HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(url.replaceAll("/$", "") + "/postcodes/"
                        + URLEncoder.encode(normalisedPostcode, StandardCharsets.UTF_8).replace("+", "%20")))
                        .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    JsonNode result = mapper.readTree(r.body()).path("result");
                    // A point off the globe is as good as none (a broken or hostile API), so it falls back too.
                    if (result.path("latitude").isNumber() && result.path("longitude").isNumber()
                            && Math.abs(result.get("latitude").asDouble()) <= 90 && Math.abs(result.get("longitude").asDouble()) <= 180) {
                        String district = result.path("admin_district").asText(null);
                        String named = Gazetteer.area(district).map(Gazetteer.Area::name).orElse(area.map(Gazetteer.Area::name).orElse(null));
                        return Optional.of(new Point(result.get("latitude").asDouble(), result.get("longitude").asDouble(), named));
                    }
                }
                // The status only: the body may echo the postcode.
                LOG.infof("geocoder answered %d; using the offline gazetteer", r.statusCode());
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                LOG.infof("geocoder unavailable (%s); using the offline gazetteer", e.getClass().getSimpleName());
            }
        }
        return area.map(a -> new Point(a.latitude(), a.longitude(), a.name()));
    }
}
