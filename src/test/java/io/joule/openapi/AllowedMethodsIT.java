package io.joule.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.testing.PackagedApp;
import io.joule.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged app builds its OpenAPI document after the start, and the Allow headers come from it: the first request
 * the port accepts already gets them (OPTIONS /data was a 404 until the document was built).
 */
class AllowedMethodsIT {

    @Test
    void theFirstOptionsRequestAfterTheStartNamesThePathsMethods() throws Exception {
        // a port known before the start, to ask on from the moment it opens; the log names it only once started
        int port = PackagedApp.freePort();
        TestServer server = TestServer.fromEnvironment();
        String database = TestServer.freshName("joule_it_allow_");
        Map<String, String> env = PackagedApp.readmeEnv(server, database);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest options = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/data"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        try (PackagedApp app = PackagedApp.start(env)) {
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
            HttpResponse<String> first = null;
            while (first == null) {
                try {
                    first = http.send(options, HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    if (!app.isAlive() || Instant.now().isAfter(giveUp)) {
                        throw new AssertionError("The app did not listen: " + app.output(), notYet);
                    }
                    Thread.sleep(5);
                }
            }
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("GET, HEAD, POST, OPTIONS", first.headers().firstValue("Allow").orElse(null));
        } finally {
            server.dropDatabase(database);
        }
    }
}
