package org.pathways.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the services' JSON answers as maps and lists for the templates (Qute reads map keys as properties). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static Map<String, Object> map(String body) {
        try {
            return body == null || body.isBlank() ? new LinkedHashMap<>() : MAPPER.readValue(body, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a service answered with malformed JSON", e);
        }
    }

    static Map<String, Object> map(Response r) {
        return map(r.readEntity(String.class));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short digest of the queues' answers: the live stream compares it to tell the page when they changed. */
    static String fingerprint(String... bodies) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String b : bodies) {
                d.update(String.valueOf(b).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
