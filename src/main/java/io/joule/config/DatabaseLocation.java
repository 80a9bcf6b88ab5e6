package io.joule.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a PostgreSQL JDBC URL that creating its database needs: the server (one or more {@code host:port}),
 * the database name as PostgreSQL sees it (URL-decoded, case kept) and the parameters (TLS and the like), which a
 * connection to the server's maintenance database must keep.
 */
record DatabaseLocation(String hosts, String database, String parameters) {
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?#]*)/([^?#]+)(\\?[^#]*)?$");
    /** What a shell takes as one word without quotes. */
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_.,:/@%+=-]+");

    /** Empty for URLs without an explicit database (pgjdbc then takes the user's name), which are left to Flyway. */
    static Optional<DatabaseLocation> parse(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            return Optional.empty();
        }
        String database = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        return database.isEmpty() ? Optional.empty()
                : Optional.of(new DatabaseLocation(m.group(1), database, m.group(3) == null ? "" : m.group(3)));
    }

    /**
     * The same server and parameters, another database (the server's {@code postgres} to create this one from);
     * percent-encoded, as pgjdbc decodes the path.
     */
    String urlOf(String otherDatabase) {
        return "jdbc:postgresql://" + hosts + "/" + URLEncoder.encode(otherDatabase, StandardCharsets.UTF_8).replace("+", "%20") + parameters;
    }

    /** The first host, as {@code createdb -h} takes it: without brackets around an IPv6 address. */
    String host() {
        String first = firstHost();
        if (first.startsWith("[")) {
            return first.substring(1, first.indexOf(']'));
        }
        int colon = first.lastIndexOf(':');
        String host = colon < 0 ? first : first.substring(0, colon);
        return host.isEmpty() ? "localhost" : host;
    }

    /** The first host's port, if the URL names one. */
    Optional<String> port() {
        String first = firstHost();
        int colon = first.lastIndexOf(':');
        int bracket = first.lastIndexOf(']');
        return colon > bracket && colon < first.length() - 1 ? Optional.of(first.substring(colon + 1)) : Optional.empty();
    }

    /** {@code host:port} for messages ({@code [::1]:5432} for an IPv6 address). */
    String server() {
        String host = host().contains(":") ? "[" + host() + "]" : host();
        return host + port().map(p -> ":" + p).orElse("");
    }

    /** The name as an SQL identifier: always quoted, so case and any character survive, and nothing can be injected. */
    String quotedName() {
        return '"' + database.replace("\"", "\"\"") + '"';
    }

    /**
     * The command that creates the database: as {@code connectAs}, owned by {@code owner} when that is another role
     * (so the service's role can migrate it).
     */
    String createdbCommand(String connectAs, String owner) {
        StringBuilder command = new StringBuilder("createdb -h ").append(shellWord(host()));
        port().ifPresent(p -> command.append(" -p ").append(shellWord(p)));
        command.append(" -U ").append(shellWord(connectAs));
        if (!owner.equals(connectAs)) {
            command.append(" -O ").append(shellWord(owner));
        }
        return command.append(' ').append(shellWord(database)).toString();
    }

    private String firstHost() {
        int comma = hosts.indexOf(',');
        return comma < 0 ? hosts : hosts.substring(0, comma);
    }

    static String shellWord(String word) {
        return SHELL_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
