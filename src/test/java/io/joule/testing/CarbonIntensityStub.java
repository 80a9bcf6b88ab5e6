package io.joule.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Carbon Intensity API on loopback. Windows starting in 2019 answer
 * forecast 250 and actual 240 per half-hour; 2030 answers HTTP 500; 2031 stalls past the timeout; 2032 answers as 2019
 * does, each request after a second (within the timeout, but many of them outlast a fetch's deadline).
 */
public class CarbonIntensityStub implements QuarkusTestResourceLifecycleManager {
    public static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/intensity/", exchange -> {
            REQUESTS.incrementAndGet();
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String from = parts[2];
            String to = parts[3];
            int status = 200;
            String body;
            if (from.startsWith("2030")) {
                status = 500;
                body = "{\"error\": {\"code\": \"500 Internal Server Error\", \"message\": \"upstream exploded\"}}";
            } else if (from.startsWith("2031")) {
                sleep(5_000);
                body = "{\"data\": []}";
            } else {
                if (from.startsWith("2032")) {
                    sleep(1_000);
                }
                StringBuilder data = new StringBuilder("{\"data\": [");
                Instant end = Instant.from(API.parse(to));
                for (Instant t = Instant.from(API.parse(from)); t.isBefore(end); t = t.plusSeconds(1800)) {
                    data.append(data.charAt(data.length() - 1) == '[' ? "" : ",").append("{\"from\": \"").append(API.format(t))
                            .append("\", \"to\": \"").append(API.format(t.plusSeconds(1800)))
                            .append("\", \"intensity\": {\"forecast\": 250, \"actual\": 240, \"index\": \"moderate\"}}");
                }
                body = data.append("]}").toString();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // the client gave up waiting: that is the point of the stall
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return Map.of("joule.carbon-intensity.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
