package io.joule.bench;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One wrk run against a URL with a bearer key: requests per second and the median and 99th percentile latency in ms. */
record Wrk(double rps, double p50, double p99) {

    /** Two threads, as pgbench's {@code -j 2}, and {@code connections} connections, as its {@code -c}. */
    static Wrk run(String key, String url, int connections, int seconds) throws IOException, InterruptedException {
        String out = BenchSupport.run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: Bearer " + key, url));
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw error answers from " + url + ":\n" + out);
        }
        Matcher socketErrors = Pattern.compile("Socket errors:.*").matcher(out);
        if (socketErrors.find()) {
            // Timeouts under a loaded machine are a figure, not a broken endpoint: shown, not fatal.
            System.out.println("wrk " + url + ": " + socketErrors.group());
        }
        return new Wrk(BenchSupport.number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"));
    }

    double tailRatio() {
        return p99 / p50;
    }

    /** wrk prints latencies as 812.00us, 1.57ms or 1.02s. */
    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
