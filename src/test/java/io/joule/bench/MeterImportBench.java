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
 * After a warm-up file of other meters by each path, imports generated one-million-row LP files (10 new channels of
 * 100,000 quarter-hours, half kWh and half kvarh) through POST /meter-files each round: one of new meters as a text/csv
 * body (the measure), another as a multipart upload, and the first again; against psql COPY of the same rows
 * into a keyed table. Reports the peak heap of the JVM (service and test client share it).
 */
@QuarkusTest
class MeterImportBench {
    static final int CHANNELS = 10;
    static final int ROWS_PER_CHANNEL = 100_000;
    static final int WARM_UP_ROWS_PER_CHANNEL = 30_000;
    /** Measured rounds (-Dbench.rounds), each a file of new meters beside COPY of the same rows. */
    static final int ROUNDS = 4;
    static final LocalDateTime START = LocalDateTime.of(2020, 1, 1, 0, 0);
    static final DateTimeFormatter LP_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    @Test
    void importAgainstCopy() throws Exception {
        int rounds = BenchSupport.rounds(ROUNDS);
        Path warmUp = BenchSupport.tempFile("joule-lp-warm-up", ".csv");
        write(warmUp, BenchSupport.tempFile("joule-lp-warm-up-copy", ".csv"), "W", WARM_UP_ROWS_PER_CHANNEL);
        // The issue measures after a warm-up: the first file through a fresh JVM pays for compiling the import path.
        post("text/csv", HttpRequest.BodyPublishers.ofFile(warmUp));
        write(warmUp, BenchSupport.tempFile("joule-lp-warm-up-copy", ".csv"), "V", WARM_UP_ROWS_PER_CHANNEL);
        post(MULTIPART, multipart(warmUp));
        Files.delete(warmUp);
        long rows = (long) CHANNELS * ROWS_PER_CHANNEL;
        double[] first = new double[rounds];
        double[] multipart = new double[rounds];
        double[] again = new double[rounds];
        double[] copy = new double[rounds];
        long peakHeap = 0;
        double megabytes = 0;
        for (int round = 0; round < rounds; round++) {
            // Every round imports meters of its own; the order of import and COPY alternates, so drift falls on both.
            Path csv = BenchSupport.tempFile("joule-lp", ".csv");
            Path copyCsv = BenchSupport.tempFile("joule-lp-copy", ".csv");
            write(csv, copyCsv, "B" + round, ROWS_PER_CHANNEL);
            Path upload = BenchSupport.tempFile("joule-lp-upload", ".csv");
            write(upload, BenchSupport.tempFile("joule-lp-upload-copy", ".csv"), "M" + round, ROWS_PER_CHANNEL);
            megabytes = Files.size(csv) / 1e6;
            if (round % 2 == 1) {
                copy[round] = copy(copyCsv);
            }
            // the two imports of new channels alternate their order too
            Measured uploaded = round % 2 == 1 ? post(MULTIPART, multipart(upload)) : null;
            Measured imported = post("text/csv", HttpRequest.BodyPublishers.ofFile(csv));
            uploaded = uploaded != null ? uploaded : post(MULTIPART, multipart(upload));
            Measured reimported = post("text/csv", HttpRequest.BodyPublishers.ofFile(csv));
            if (round % 2 == 0) {
                copy[round] = copy(copyCsv);
            }
            first[round] = imported.seconds();
            multipart[round] = uploaded.seconds();
            again[round] = reimported.seconds();
            peakHeap = Math.max(peakHeap, Math.max(imported.peakHeap(), Math.max(uploaded.peakHeap(), reimported.peakHeap())));
            Files.delete(csv);
            Files.delete(upload);
            Files.delete(copyCsv);
        }

        System.out.printf("%n== Meter file import benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("LP file: %,d rows, %d channels (half kWh, feeding slots and rollups), %.0f MB, new meters each round; after a warm-up file by each path of"
                + " %,d rows, medians of %d rounds; JVM max heap %.0f MB%n", rows, CHANNELS, megabytes, CHANNELS * WARM_UP_ROWS_PER_CHANNEL, rounds,
                Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf("%-52s %12s %10s %18s%n", "path", "rows/s", "seconds", "rounds, seconds");
        System.out.printf("%-52s %,12.0f %10.2f %18s%n", "POST /meter-files, text/csv body, new channels", rows / BenchSupport.median(first),
                BenchSupport.median(first), all(first));
        System.out.printf("%-52s %,12.0f %10.2f %18s%n", "POST /meter-files, multipart, other new channels", rows / BenchSupport.median(multipart),
                BenchSupport.median(multipart), all(multipart));
        System.out.printf("%-52s %,12.0f %10.2f %18s%n", "POST /meter-files, text/csv body, same file again", rows / BenchSupport.median(again),
                BenchSupport.median(again), all(again));
        System.out.printf("%-52s %,12.0f %10.2f %18s%n", "psql \\copy into a keyed table (baseline)", rows / BenchSupport.median(copy),
                BenchSupport.median(copy), all(copy));
        System.out.printf("peak heap of the JVM over all imports %.0f MB (service and client share it)%n", peakHeap / 1e6);
        // The issue sets the goal on a text/csv body; a multipart upload also pays for Quarkus REST's parse of the part.
        double[] ratios = BenchSupport.roundRatios(copy, first);
        double[] multipartRatios = BenchSupport.roundRatios(copy, multipart);
        System.out.printf("ratio import of new channels (text/csv) : COPY = %.2f, the median of the rounds' (goal >= 0.6); by round: %s%n",
                BenchSupport.median(ratios), all(ratios));
        System.out.printf("ratio as multipart : COPY = %.2f; by round: %s%n%n", BenchSupport.median(multipartRatios), all(multipartRatios));
    }

    /** psql's \\copy of the rows into a fresh keyed table; answers its wall time in seconds. */
    private static double copy(Path copyCsv) throws Exception {
        BenchSupport.psql("create table bench_lp_copy (channel int, ts timestamptz, value double precision, primary key (channel, ts))");
        try {
            return BenchSupport.psql("\\copy bench_lp_copy from '" + copyCsv + "' csv");
        } finally {
            BenchSupport.psql("drop table bench_lp_copy");
        }
    }

    private static String all(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(s -> String.format("%.2f", s)).collect(java.util.stream.Collectors.joining(" "));
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
