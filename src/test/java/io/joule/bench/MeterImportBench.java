package io.joule.bench;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Imports a generated one-million-row LP file (10 channels of 100,000 quarter-hours, half kWh and
 * half kvarh) through POST /meter-files, against psql COPY of the same rows into a keyed table,
 * and reports the peak heap of the JVM (service and test client share it).
 */
@QuarkusTest
class MeterImportBench {
    static final int CHANNELS = 10;
    static final int ROWS_PER_CHANNEL = 100_000;
    static final LocalDateTime START = LocalDateTime.of(2020, 1, 1, 0, 0);
    static final DateTimeFormatter LP_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    @Test
    void importAgainstCopy() throws Exception {
        Path upload = BenchSupport.tempFile("joule-lp", ".multipart");
        Path copyCsv = BenchSupport.tempFile("joule-lp-copy", ".csv");
        String boundary = "joule-bench-boundary";
        try (OutputStream raw = Files.newOutputStream(upload);
                BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
                BufferedWriter copy = Files.newBufferedWriter(copyCsv)) {
            out.write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"LP_bench.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n");
            out.write("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\r\n");
            for (int c = 0; c < CHANNELS; c++) {
                String meter = "B" + (900 + c / 2);
                String type = c % 2 == 0 ? "Import Wh Total" : "Import varh Total";
                String units = c % 2 == 0 ? "kwh" : "kvarh";
                for (int i = 0; i < ROWS_PER_CHANNEL; i++) {
                    LocalDateTime t = START.plusMinutes(15L * i);
                    String value = Integer.toString(i * 37 % 1000 / 10) + "." + (i % 10);
                    out.write(meter + "," + meter + ",EDBENCH," + LP_TIME.format(t) + "," + type + "," + value + "," + units + ",\r\n");
                    copy.write(c + "," + t.toInstant(ZoneOffset.UTC) + "," + value + "\n");
                }
            }
            out.write("\r\n--" + boundary + "--\r\n");
        }
        long rows = (long) CHANNELS * ROWS_PER_CHANNEL;

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/meter-files"))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofFile(upload)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double importSeconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }

        BenchSupport.psql("create table bench_lp_copy (channel int, ts timestamptz, value double precision, primary key (channel, ts))");
        double copySeconds = BenchSupport.psql("\\copy bench_lp_copy from '" + copyCsv + "' csv");
        BenchSupport.psql("drop table bench_lp_copy");

        System.out.printf("%n== Meter file import benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("LP file: %,d rows, %d channels (half kWh, feeding slots and rollups), %.0f MB%n", rows, CHANNELS,
                Files.size(upload) / 1e6);
        System.out.printf("%-50s %12s %10s%n", "path", "rows/s", "seconds");
        System.out.printf("%-50s %,12.0f %10.2f%n", "POST /meter-files (multipart), whole import", rows / importSeconds, importSeconds);
        System.out.printf("%-50s %,12.0f %10.2f%n", "psql \\copy into a keyed table (baseline)", rows / copySeconds, copySeconds);
        System.out.printf("ratio import : COPY = %.2f (goal >= 0.6); peak heap during import %.0f MB (max heap %.0f MB)%n%n",
                copySeconds / importSeconds, peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }
}
