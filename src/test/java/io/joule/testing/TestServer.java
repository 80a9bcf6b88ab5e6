package io.joule.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the tests may create databases and roles on, for tests that need a database to be absent:
 * the server of {@code JOULE_TEST_DB_URL} (with {@code JOULE_TEST_DB_USER}, {@code JOULE_TEST_DB_PASSWORD}), else
 * localhost:5432 as postgres, as {@link TestDatabase} finds it.
 */
public record TestServer(String url, String user, String password) {
    private static final Pattern SERVER = Pattern.compile("^(jdbc:postgresql://[^/?#]*/).*$");

    public static TestServer fromEnvironment() {
        String explicit = System.getenv("JOULE_TEST_DB_URL");
        String server = TestDatabase.LOCAL_SERVER;
        if (explicit != null && !explicit.isBlank()) {
            Matcher m = SERVER.matcher(explicit);
            if (!m.matches()) {
                throw new IllegalStateException("JOULE_TEST_DB_URL=" + explicit + " is not a jdbc:postgresql://host:port/ URL");
            }
            server = m.group(1);
        }
        return new TestServer(server, env("JOULE_TEST_DB_USER", "postgres"), env("JOULE_TEST_DB_PASSWORD", ""));
    }

    /** {@code host:port} as the service names the server in its messages. */
    public String hostAndPort() {
        return url.substring("jdbc:postgresql://".length(), url.length() - 1);
    }

    public String host() {
        int colon = hostAndPort().lastIndexOf(':');
        return colon < 0 ? hostAndPort() : hostAndPort().substring(0, colon);
    }

    public Optional<String> port() {
        int colon = hostAndPort().lastIndexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(hostAndPort().substring(colon + 1));
    }

    public String jdbcUrl(String database) {
        return url + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Runs statements on the server's postgres database (CREATE ROLE, DROP DATABASE). */
    public void execute(String... statements) throws SQLException {
        try (Connection c = connect("postgres")) {
            for (String statement : statements) {
                c.createStatement().execute(statement);
            }
        }
    }

    /** The databases whose name equals {@code name} ignoring case, with their exact names. */
    public List<String> databasesNamedLike(String name) throws SQLException {
        try (Connection c = connect("postgres");
                PreparedStatement ps = c.prepareStatement("select datname from pg_database where lower(datname) = lower(?)")) {
            ps.setString(1, name);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    public void dropDatabase(String name) throws SQLException {
        execute("drop database if exists " + quoted(name) + " with (force)");
    }

    /** A name no other run uses, for a database or role a test creates and drops. */
    public static String freshName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }
}
