package io.joule.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app ({@code java -jar target/quarkus-app/quarkus-run.jar}, built by {@code ./mvnw verify} before the
 * {@code *IT} tests run) started as an operator starts it: configured by environment variables only, its console
 * output kept for the test to read. For what {@code @QuarkusIntegrationTest} cannot show, such as a start that fails.
 */
public final class PackagedApp implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^:]+:(\\d+)");

    private final Process process;
    private final Path output;

    private PackagedApp(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** A port free now, for an app told it before its start (another process may take it meanwhile, rarely). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The README's variables, with this server's database, as the server's own user. */
    public static Map<String, String> readmeEnv(TestServer server, String database) {
        return readmeEnv(server, database, server.user(), server.password());
    }

    /** The README's variables, with this server's database and role. */
    public static Map<String, String> readmeEnv(TestServer server, String database, String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", server.jdbcUrl(database).substring("jdbc:".length()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", server.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("JOULE_ADMIN_KEY", "change-me");
        return env;
    }

    /** The packaged jar ({@code joule.packaged.jar}, else target/quarkus-app/quarkus-run.jar), where it exists. */
    public static Optional<Path> jar() {
        Path jar = Path.of(System.getProperty("joule.packaged.jar", "target/quarkus-app/quarkus-run.jar"));
        return Files.isRegularFile(jar) ? Optional.of(jar.toAbsolutePath()) : Optional.empty();
    }

    /** Starts the jar with these environment variables on a free port; inherited QUARKUS_* and JOULE_* are dropped. */
    public static PackagedApp start(Map<String, String> env) throws IOException {
        Path jar = jar().orElseThrow(() -> new IllegalStateException("No packaged app at "
                + Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath() + ": ./mvnw verify packages it before the *IT tests"));
        Map<String, String> onAnyPort = new HashMap<>(Map.of("QUARKUS_HTTP_PORT", "0"));
        onAnyPort.putAll(env);
        return start(jar.getParent(), List.of("-Xmx384m", "-jar", jar.toString()), onAnyPort);
    }

    /**
     * Starts {@code java <arguments>} in {@code directory} (an AppCDS archive only matches the jar path it was made
     * with: quarkus-run.jar, from its own directory), configured by these environment variables only.
     */
    public static PackagedApp start(Path directory, List<String> arguments, Map<String, String> env) throws IOException {
        return start(thisJava(), directory, arguments, env);
    }

    /** The launcher of the JVM the tests run on. */
    public static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** As {@link #start(Path, List, Map)}, with another JVM: {@code java} is its launcher. */
    public static PackagedApp start(Path java, Path directory, List<String> arguments, Map<String, String> env) throws IOException {
        Path output = Files.createTempFile("joule-packaged-", ".log");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("JOULE_"));
        builder.environment().putAll(env);
        return new PackagedApp(builder.start(), output);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended by itself. */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The packaged app still runs after " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** The HTTP port, once the app says it listens. */
    public int awaitListening(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = LISTENING.matcher(output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("The packaged app ended with " + process.exitValue() + "; its output:\n" + output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The packaged app did not listen within " + timeout + "; its output:\n" + output());
    }

    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** The log lines (HH:mm:ss LEVEL [category] message) without their time. */
    public List<String> logLines() throws IOException {
        return output().lines().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d .*")).map(l -> l.substring(9)).toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(output);
    }
}
