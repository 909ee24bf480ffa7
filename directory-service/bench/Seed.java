import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Runs seed.sql over JDBC (the embedded PostgreSQL has no psql): java -cp postgresql.jar Seed.java URL USER PASSWORD FILE */
public class Seed {
    public static void main(String[] args) throws Exception {
        String sql = Files.readString(Path.of(args[3]));
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]); Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*\\n")) {
                String body = statement.lines().filter(l -> !l.trim().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
                if (!body.isEmpty()) s.execute(body);
            }
        }
    }
}
