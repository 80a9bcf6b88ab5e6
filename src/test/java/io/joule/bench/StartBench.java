package io.joule.bench;

import io.joule.testing.PackagedApp;
import io.joule.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged app's start on an already-migrated database, as the README runs it (its JVM options): from process start to the first
 * 200 of /q/health/ready (and Quarkus's own "started in"), and resident memory right after, {@value #RUNS} starts per
 * variant: plain; with the AppCDS archive the package step writes (target/quarkus-app/app-cds.jsa: the classes of
 * Quarkus's static initialization); and "trained", with an archive written at the exit of one start to ready. With
 * {@code -Dbench.aotJava=<java of JDK 25 or later>} also the same jar on that JVM, plain and with an AOT cache written at
 * the exit of one start to ready. Runs by failsafe after the package phase in {@code ./mvnw verify -Pbench}; without a
 * packaged jar it is skipped, saying so.
 */
class StartBench {
    static final int RUNS = 5;
    static final double GOAL_SECONDS = 1.5;
    static final long GOAL_RSS_MB = 300;
    static final Duration START = Duration.ofMinutes(2);
    static final Pattern STARTED_IN = Pattern.compile("started in (\\d+\\.\\d+)s");
    static final TestServer SERVER = TestServer.fromEnvironment();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private record Start(double readySeconds, double startedInSeconds, long rssMb) {
    }

    /** A JVM ({@code java}, its launcher) and the options it starts the jar with. */
    private record Variant(Path java, List<String> options) {
    }

    @Test
    void startToReady() throws Exception {
        Path jar = PackagedApp.jar().orElse(null);
        Assumptions.assumeTrue(jar != null, "StartBench skipped: no packaged app at target/quarkus-app/quarkus-run.jar"
                + " (./mvnw verify -Pbench packages it before this runs; alone: ./mvnw package -DskipTests first)");
        Path appCds = jar.resolveSibling("app-cds.jsa");
        String database = TestServer.freshName("joule_bench_start_");
        // Archives the training starts write next to the jar, where the measured starts find them.
        Path trained = Files.createTempFile(jar.getParent(), "trained-", ".jsa");
        Path aot = Files.createTempFile(jar.getParent(), "trained-", ".aot");
        Files.delete(trained);
        Files.delete(aot);
        List<String> notes = new ArrayList<>();
        try {
            Path java = PackagedApp.thisJava();
            measure(new Variant(java, List.of()), jar, database); // creates and migrates the database: not counted
            Map<String, Variant> options = new LinkedHashMap<>();
            options.put("plain", new Variant(java, List.of()));
            if (Files.isRegularFile(appCds)) {
                options.put("AppCDS", new Variant(java, List.of("-XX:SharedArchiveFile=app-cds.jsa", "-Xshare:on")));
            }
            // The README's optional training run: an archive of every class a start to ready loads, written at exit.
            measure(new Variant(java, List.of("-XX:ArchiveClassesAtExit=" + trained.getFileName())), jar, database);
            if (Files.isRegularFile(trained)) {
                options.put("trained", new Variant(java, List.of("-XX:SharedArchiveFile=" + trained.getFileName(), "-Xshare:on")));
            }
            // -Dbench.aotJava=<java of JDK 25 or later>: the same jar on that JVM, plain and with an AOT cache (JEP 483, 514,
            // 515) written at the exit of one start to ready, as the README's "Run" describes.
            Optional<Path> aotJava = Optional.ofNullable(System.getProperty("bench.aotJava")).filter(p -> !p.isBlank()).map(Path::of);
            if (aotJava.isPresent()) {
                int feature = featureVersion(aotJava.get());
                if (feature < 25) {
                    notes.add("-Dbench.aotJava=" + aotJava.get() + " is JDK " + feature + "; -XX:AOTCacheOutput needs JDK 25 or later: not measured");
                } else {
                    options.put("JDK " + feature, new Variant(aotJava.get(), List.of()));
                    measure(new Variant(aotJava.get(), List.of("-XX:AOTCacheOutput=" + aot.getFileName())), jar, database);
                    if (Files.isRegularFile(aot)) {
                        options.put("JDK " + feature + " AOT", new Variant(aotJava.get(), List.of("-XX:AOTCache=" + aot.getFileName())));
                    } else {
                        notes.add("The training start on JDK " + feature + " wrote no AOT cache: JDK " + feature + " AOT not measured");
                    }
                }
            }
            Map<String, List<Start>> variants = new LinkedHashMap<>();
            options.keySet().forEach(name -> variants.put(name, new ArrayList<>()));
            // interleaved, so that load on the machine falls on every variant alike
            for (int i = 0; i < RUNS; i++) {
                for (var variant : options.entrySet()) {
                    variants.get(variant.getKey()).add(measure(variant.getValue(), jar, database));
                }
            }
            System.out.printf("%n== Start benchmark (%s), packaged app with %s, migrated database, %d starts each ==%n",
                    BenchSupport.host(), String.join(" ", BenchSupport.README_JVM_OPTIONS), RUNS);
            System.out.printf("%-11s %28s %28s %22s%n", "variant", "to ready s (min/med/max)", "\"started in\" s (min/med/max)", "RSS MB (min/med/max)");
            variants.forEach((name, starts) -> System.out.printf("%-11s %28s %28s %22s%n", name,
                    stats(starts.stream().mapToDouble(Start::readySeconds).toArray(), "%.2f"),
                    stats(starts.stream().mapToDouble(Start::startedInSeconds).toArray(), "%.2f"),
                    stats(starts.stream().mapToDouble(Start::rssMb).toArray(), "%.0f")));
            System.out.printf("goal: ready <= %.1f s, RSS <= %d MB; load average at the end: %s%n%n", GOAL_SECONDS, GOAL_RSS_MB, loadAverage());
            if (!variants.containsKey("AppCDS")) {
                System.out.println("No app-cds.jsa next to the jar (quarkus.package.jar.appcds.enabled=false?): AppCDS not measured");
            }
            notes.forEach(System.out::println);
        } finally {
            Files.deleteIfExists(trained);
            Files.deleteIfExists(aot);
            SERVER.dropDatabase(database);
        }
    }

    /** One start from the jar's directory (where an AppCDS archive matches), stopped once ready. */
    private Start measure(Variant variant, Path jar, String database) throws Exception {
        int port = PackagedApp.freePort();
        List<String> arguments = new ArrayList<>(BenchSupport.README_JVM_OPTIONS);
        arguments.addAll(variant.options());
        arguments.addAll(List.of("-jar", jar.getFileName().toString()));
        long start = System.nanoTime();
        try (PackagedApp app = PackagedApp.start(variant.java(), jar.getParent(), arguments, environment(database, port))) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            while (true) {
                if (System.nanoTime() - start > START.toNanos() || !app.isAlive()) {
                    throw new AssertionError("The packaged app was not ready (" + START + "); its output:\n" + app.output());
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notListeningYet) {
                    // the socket opens at the end of the start
                }
                Thread.sleep(10);
            }
            double readySeconds = (System.nanoTime() - start) / 1e9;
            long rssMb = PeakRss.residentMb(app.pid());
            Matcher startedIn = STARTED_IN.matcher(app.output());
            return new Start(readySeconds, startedIn.find() ? Double.parseDouble(startedIn.group(1)) : Double.NaN, rssMb);
        }
    }

    /** The feature release {@code java -version} reports: 25 for "25.0.3", 8 for "1.8.0_402". */
    private static int featureVersion(Path java) throws Exception {
        Matcher version = Pattern.compile("version \"(1\\.)?(\\d+)").matcher(BenchSupport.run(List.of(java.toString(), "-version")));
        if (!version.find()) {
            throw new IllegalStateException(java + " -version did not say its version");
        }
        return Integer.parseInt(version.group(2));
    }

    private static String stats(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(format + " / " + format + " / " + format, sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    /** The packaged app's configuration for the test server's {@code database}, on {@code port}, admin key "bench". */
    static Map<String, String> environment(String database, int port) {
        Map<String, String> env = PackagedApp.readmeEnv(SERVER, database);
        env.put("JOULE_ADMIN_KEY", "bench");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return env;
    }

    static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.isReadable(loadavg) ? String.join(" ", Arrays.copyOf(Files.readString(loadavg).split(" "), 3)) : "?";
    }

}
