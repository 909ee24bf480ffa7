package org.pathways.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Keycloak start does with its database (issue 20, fault 5): kept while the realm file is unchanged (so a
 * restart keeps the realm's signing keys and tokens issued before stay valid), emptied when a developer changed the
 * realm file (so {@code --import-realm}, which skips an existing realm, imports the new one). Before the fix the test
 * profile emptied it on every start.
 */
class KeycloakServerTest {

    @Test
    void theDatabaseIsKeptAcrossRestartsAndEmptiedWhenTheRealmFileChanges(@TempDir Path root) throws Exception {
        StackLayout layout = new StackLayout("test", root, root.resolve(".pathways"), StackLayout.TEST_PORT_BASE);
        Path dist = layout.dist().resolve("keycloak-" + KeycloakServer.VERSION);
        Files.createDirectories(dist.resolve("bin"));
        Files.writeString(dist.resolve("bin/kc.sh"), "#!/bin/sh\n");
        Files.createDirectories(layout.realmFile().getParent());
        Files.writeString(layout.realmFile(), "{\"realm\":\"pathways\"}");
        KeycloakServer keycloak = new KeycloakServer(layout);
        Path own = layout.state().resolve("keycloak-" + KeycloakServer.VERSION);
        Path database = own.resolve("data/h2/keycloakdb.mv.db");
        Path imported = own.resolve("data/import/pathways-realm.json");

        keycloak.prepare();
        assertEquals("{\"realm\":\"pathways\"}", Files.readString(imported));
        Files.createDirectories(database.getParent());
        Files.writeString(database, "realm with its keys");

        keycloak.prepare(); // a restart (the fault tests' stopComponent/startComponent), realm file unchanged
        assertTrue(Files.exists(database), "a restart with the same realm file keeps the database and the realm's keys");

        Files.writeString(layout.realmFile(), "{\"realm\":\"pathways\",\"enabled\":true}");
        keycloak.prepare(); // a developer edited the realm file
        assertFalse(Files.exists(database), "a changed realm file starts from an empty database, so it is imported");
        assertEquals("{\"realm\":\"pathways\",\"enabled\":true}", Files.readString(imported));

        Files.createDirectories(database.getParent());
        Files.writeString(database, "the new realm with its keys");
        keycloak.prepare();
        assertTrue(Files.exists(database), "once imported, the changed file is kept like any other");
    }
}
