package org.pathways.stack.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.util.Properties;

import org.pathways.stack.StackLayout;

/**
 * What the launcher wrote about the running test stack (.pathways/test/stack.properties): one source for every test
 * helper, whether it runs in a service's {@code @QuarkusTest} or in the system tests.
 */
public final class StackInfo {

    private static final Properties PROPS = load();

    private StackInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(StackLayout.resolve("test").stackProperties())) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the test stack is not running (no stack.properties)", e);
        }
        return p;
    }

    public static String get(String key) {
        String v = PROPS.getProperty("pathways.stack." + key);
        if (v == null) throw new IllegalStateException("stack.properties has no pathways.stack." + key);
        return v;
    }

    public static String serviceUrl(String service) {
        return get(service + ".url");
    }

    /** A service's own database as its own login role (what the service itself connects as). */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + get("postgres.host") + ":" + get("postgres.port") + "/"
                + database, database, StackLayout.databasePassword(database));
    }
}
