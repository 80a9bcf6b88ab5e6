package io.joule.bench;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a warm-up file of other meters, imports a generated one-million-row LP file (10 new channels of 100,000
 * quarter-hours, half kWh and half kvarh) through POST /meter-files, against psql COPY of the same rows into a keyed table,
 * and reports the peak heap of the JVM (service and test client share it).
 */
@QuarkusTest
class MeterImportBench {
    static final int CHANNELS = 10;
    static final int ROWS_PER_CHANNEL = 100_000;
    static final int WARM_UP_ROWS_PER_CHANNEL = 30_000;
    static final LocalDateTime START = LocalDateTime.of(2020, 1, 1, 0, 0);
    static final DateTimeFormatter LP_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    @Test
    void importAgainstCopy() throws Exception {
        Path csv = BenchSupport.tempFile("joule-lp", ".csv");
        Path copyCsv = BenchSupport.tempFile("joule-lp-copy", ".csv");
        Path warmUp = BenchSupport.tempFile("joule-lp-warm-up", ".csv");
        write(csv, copyCsv, "B", ROWS_PER_CHANNEL);
        write(warmUp, BenchSupport.tempFile("joule-lp-warm-up-copy", ".csv"), "W", WARM_UP_ROWS_PER_CHANNEL);
        // The issue measures after a warm-up: the first file through a fresh JVM pays for compiling the import path.
        post(MULTIPART, multipart(warmUp));
        long rows = (long) CHANNELS * ROWS_PER_CHANNEL;
        Measured first = post(MULTIPART, multipart(csv));
        Measured again = post("text/csv", HttpRequest.BodyPublishers.ofFile(csv));

        BenchSupport.psql("create table bench_lp_copy (channel int, ts timestamptz, value double precision, primary key (channel, ts))");
        double copySeconds = BenchSupport.psql("\\copy bench_lp_copy from '" + copyCsv + "' csv");
        BenchSupport.psql("drop table bench_lp_copy");

        System.out.printf("%n== Meter file import benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("LP file: %,d rows, %d channels (half kWh, feeding slots and rollups), %.0f MB, after a warm-up file of %,d rows;"
                + " JVM max heap %.0f MB%n", rows, CHANNELS, Files.size(csv) / 1e6, CHANNELS * WARM_UP_ROWS_PER_CHANNEL, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf("%-52s %12s %10s %14s%n", "path", "rows/s", "seconds", "peak heap MB");
        System.out.printf("%-52s %,12.0f %10.2f %14.0f%n", "POST /meter-files, multipart, new channels", rows / first.seconds, first.seconds, first.peakHeap / 1e6);
        System.out.printf("%-52s %,12.0f %10.2f %14.0f%n", "POST /meter-files, text/csv body, same file again", rows / again.seconds, again.seconds, again.peakHeap / 1e6);
        System.out.printf("%-52s %,12.0f %10.2f %14s%n", "psql \\copy into a keyed table (baseline)", rows / copySeconds, copySeconds, "-");
        System.out.printf("ratio import of new channels : COPY = %.2f (goal >= 0.6)%n%n", copySeconds / first.seconds);
    }

    static final String BOUNDARY = "joule-bench-boundary";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    private static HttpRequest.BodyPublisher multipart(Path csv) throws Exception {
        return HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"LP_bench.csv\"\r\nContent-Type: text/csv\r\n\r\n"),
                HttpRequest.BodyPublishers.ofFile(csv),
                HttpRequest.BodyPublishers.ofString("\r\n--" + BOUNDARY + "--\r\n"));
    }

    /** The LP file (meters {prefix}900..904) and the same rows as COPY's CSV (channel, UTC time, value). */
    private static void write(Path csv, Path copyCsv, String prefix, int rowsPerChannel) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(csv); BufferedWriter copy = Files.newBufferedWriter(copyCsv)) {
            out.write("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\r\n");
            for (int c = 0; c < CHANNELS; c++) {
                String meter = prefix + (900 + c / 2);
                String type = c % 2 == 0 ? "Import Wh Total" : "Import varh Total";
                String units = c % 2 == 0 ? "kwh" : "kvarh";
                for (int i = 0; i < rowsPerChannel; i++) {
                    LocalDateTime t = START.plusMinutes(15L * i);
                    String value = Integer.toString(i * 37 % 1000 / 10) + "." + (i % 10);
                    out.write(meter + "," + meter + ",EDBENCH," + LP_TIME.format(t) + "," + type + "," + value + "," + units + ",\r\n");
                    copy.write(c + "," + t.toInstant(ZoneOffset.UTC) + "," + value + "\n");
                }
            }
        }
    }

    record Measured(double seconds, long peakHeap) {
    }

    /** Posts the body and measures the wall time and the peak heap of the JVM (service and client share it). */
    private static Measured post(String contentType, HttpRequest.BodyPublisher body) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/meter-files"))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", contentType).POST(body).build();
        long start = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return new Measured(seconds, heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
    }
}
