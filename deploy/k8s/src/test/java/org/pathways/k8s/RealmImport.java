package org.pathways.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code KeycloakRealmImport} for Kubernetes, generated from the realm the local stack imports
 * ({@code deploy/keycloak/pathways-realm.json}) so the two never drift: without the demo users and the demo partner
 * systems' clients, and with every confidential client's secret a placeholder the operator fills from the secret
 * {@code pathways-oidc-clients} (key: the client id), never a value.
 */
final class RealmImport {

    static final String SECRET = "pathways-oidc-clients";
    /** The dashboard's public address (the production overlay's hostname; change it per environment with the ingress). */
    static final String DASHBOARD = "https://dashboard.pathways.example";

    private RealmImport() {
    }

    static JsonNode generate(Path realmJson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(Files.readString(realmJson));
        realm.remove("users");
        ObjectNode placeholders = json.createObjectNode();
        for (Iterator<JsonNode> it = realm.withArray("clients").elements(); it.hasNext();) {
            ObjectNode client = (ObjectNode) it.next();
            String id = client.path("clientId").asText();
            if (id.startsWith("partner-")) { // demo partner organisations' systems: registered per partner in production
                it.remove();
                continue;
            }
            if (id.equals("pathways-dashboard")) {
                // The dashboard signs users in at its public address only (the local stack's loopback URIs are not).
                client.putArray("redirectUris").add(DASHBOARD + "/*");
                client.withObject("/attributes").put("post.logout.redirect.uris", DASHBOARD + "/*");
            }
            if (client.has("secret")) {
                String var = id.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET";
                client.put("secret", "${" + var + "}");
                placeholders.putObject(var).putObject("secret").put("name", SECRET).put("key", id);
            }
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        doc.put("kind", "KeycloakRealmImport");
        doc.putObject("metadata").put("name", "pathways-realm");
        ObjectNode spec = doc.putObject("spec");
        spec.put("keycloakCRName", "pathways-keycloak");
        spec.set("placeholders", placeholders);
        spec.set("realm", realm);
        return doc;
    }

    static String render(JsonNode doc) throws IOException {
        return "# GENERATED from deploy/keycloak/pathways-realm.json by RealmImport (ManifestsTest checks it is current; rerun\n"
                + "# with -Dpathways.k8s.write-realm-import=true after changing the realm). No users, no secret values.\n"
                + ManifestValidator.YAML.writeValueAsString(doc).replaceFirst("^---\\n", "");
    }
}
