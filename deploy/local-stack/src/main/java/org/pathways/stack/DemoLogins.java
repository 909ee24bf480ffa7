package org.pathways.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The demo users of the realm export, read from the file itself so the banner never drifts from the realm. */
public final class DemoLogins {

    /** Every demo user's password. Plainly a demo password: this realm is for local use only. */
    public static final String PASSWORD = "pathways-demo";

    public record Login(String username, List<String> roles, String org) {
    }

    private DemoLogins() {
    }

    public static List<Login> read(Path realmFile) throws IOException {
        JsonNode realm = new ObjectMapper().readTree(realmFile.toFile());
        List<Login> out = new ArrayList<>();
        for (JsonNode u : realm.path("users")) {
            if (u.hasNonNull("serviceAccountClientId")) continue;
            List<String> roles = new ArrayList<>();
            u.path("realmRoles").forEach(r -> {
                if (!r.asText().startsWith("default-roles")) roles.add(r.asText());
            });
            String org = u.path("attributes").path("org").path(0).asText("");
            out.add(new Login(u.path("username").asText(), roles, org));
        }
        return out;
    }

    /** A compact table: one line per organisation (the part of the username before the dot). */
    public static String table(Path realmFile) {
        try {
            Map<String, List<String>> byOrg = new TreeMap<>();
            for (Login l : read(realmFile)) {
                String prefix = l.username().contains(".") ? l.username().substring(0, l.username().indexOf('.')) : "-";
                byOrg.computeIfAbsent(prefix, k -> new ArrayList<>())
                        .add(l.username() + " (" + String.join(",", l.roles()) + ")");
            }
            StringBuilder sb = new StringBuilder();
            byOrg.forEach((org, users) -> sb.append(String.format("  %-8s %s%n", org, String.join(", ", users))));
            return sb.toString();
        } catch (IOException e) {
            return "  (could not read " + realmFile + ": " + e.getMessage() + ")\n";
        }
    }
}
