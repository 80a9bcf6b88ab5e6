package io.joule.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the benchmarks share: the test database, psql, and the machine's description. */
final class BenchSupport {
    /** The JVM options the README and docker/Dockerfile.jvm run the packaged app with. */
    static final List<String> README_JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m");

    private BenchSupport() {
    }

    static String jdbcUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    static String user() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
    }

    static Connection connect() throws SQLException {
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        return DriverManager.getConnection(jdbcUrl(), user(), password);
    }

    /** Runs psql against the test database and answers the wall time in seconds. */
    static double psql(String command) throws IOException, InterruptedException {
        String url = jdbcUrl().substring("jdbc:".length());
        List<String> cmd = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-U", user(), "-c", command);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static String machine() {
        String server;
        try (Connection c = connect(); var rs = c.createStatement().executeQuery("show server_version")) {
            rs.next();
            server = "PostgreSQL " + rs.getString(1);
        } catch (SQLException e) {
            server = "PostgreSQL ?";
        }
        return host() + ", " + server;
    }

    /** Cores, memory and Java version, for benchmarks that run without the Quarkus test config. */
    static String host() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format("%d cores, %.0f GiB, Java %s", Runtime.getRuntime().availableProcessors(),
                memory / (1024.0 * 1024 * 1024), System.getProperty("java.version"));
    }

    static Path tempFile(String prefix, String suffix) throws IOException {
        Path file = Files.createTempFile(prefix, suffix);
        file.toFile().deleteOnExit();
        return file;
    }

    /** Runs {@code work}, keeping its wall time in seconds at {@code seconds[i]}. */
    static <T> T time(double[] seconds, int i, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        seconds[i] = (System.nanoTime() - start) / 1e9;
        return result;
    }

    /** Runs a tool to its end and answers what it printed; a non-zero exit is a failure. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    /** The first group of {@code regex} in a tool's output, as a number. */
    static double number(String out, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Each round's ratio of the baseline's time to the service's: the service's rate as a share of the baseline's. */
    static double[] roundRatios(double[] baselineSeconds, double[] serviceSeconds) {
        double[] ratios = new double[serviceSeconds.length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = baselineSeconds[r] / serviceSeconds[r];
        }
        return ratios;
    }

    /** -Dbench.rounds, or {@code rounds}: how many measured rounds a benchmark runs (at least 1). */
    static int rounds(int rounds) {
        int chosen = Integer.getInteger("bench.rounds", rounds);
        if (chosen < 1) {
            throw new IllegalArgumentException("-Dbench.rounds=" + chosen + ": at least 1");
        }
        return chosen;
    }
}
