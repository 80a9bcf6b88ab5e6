package io.joule.problem;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.joule.testing.Api;
import io.joule.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The body limit holds however a body is framed: declared, or chunked with no length at all. */
@QuarkusTest
class BodyFramingTest {
    private static final byte[] FILLER = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "/data, application/json",
            "/readings, application/json",
            "/sensors, application/json",
            "/users, application/json",
            "/api-keys, application/json",
            "/carbon-intensity, application/json",
            "/assets/power, text/csv",
    })
    void aChunkedBodyOverTheLimitIsRefusedAsItCrossesIt(String path, String contentType) throws Exception {
        // 30 MB offered against the 10 MB limit: the answer comes before the client has sent it all.
        String answer = RawHttp.postChunked(path, contentType, FILLER, 30L * 1024 * 1024, Api.ADMIN_KEY);
        assertThat(answer, startsWith("HTTP/1.1 413"));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("JOULE_MAX_BODY_SIZE"));
    }

    @Test
    void aLongUriIsRefusedAsProblemJson() throws Exception {
        String answer = RawHttp.exchange("GET /data?spaceship_id=1&start=" + "x".repeat(12_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Api.ADMIN_KEY, new byte[0]);
        assertThat(answer, startsWith("HTTP/1.1 414"));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("\"detail\":\"The URI has 12027 characters; the limit is 8192. Send long inputs in a body\""));
        // Just under the limit, the request reaches the endpoint, which names the bad parameter.
        String under = RawHttp.exchange("GET /data?spaceship_id=1&start=" + "x".repeat(8_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Api.ADMIN_KEY, new byte[0]);
        assertThat(under, startsWith("HTTP/1.1 400"));
        assertThat(under, containsString("\"parameter\":\"start\""));
    }

    @Test
    void malformedChunksAreNotLoggedAsErrors() throws Exception {
        java.util.logging.Logger quarkus = java.util.logging.Logger.getLogger("io.quarkus.vertx.http.runtime.QuarkusErrorHandler");
        java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        quarkus.addHandler(capture);
        try {
            for (String chunks : java.util.List.of("ffffffffffffffff\r\n{}", "-1\r\n{}")) {
                // Netty drops the connection; before, each was an ERROR with a stack trace that any client could repeat
                RawHttp.exchange("POST /data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Api.ADMIN_KEY
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunks.getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(200);
            assertThat(errors.toString(), errors.isEmpty());
        } finally {
            quarkus.removeHandler(capture);
        }
    }

    @Test
    void anEmptyChunkedBodyIsAnsweredAsAnEmptyBodyNotLeftWaiting() throws Exception {
        for (String path : java.util.List.of("/data", "/users")) {
            // before: no answer until the idle timeout (120 s); RawHttp gives up after 30 s
            String answer = RawHttp.postChunked(path, "application/json", new byte[0], 0, Api.ADMIN_KEY);
            assertThat(answer, startsWith("HTTP/1.1 400"));
            assertThat(answer, containsString("\"detail\":\"The body is empty; send JSON\""));
        }
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadWhole() throws Exception {
        byte[] batch = ("{\"spaceship_id\": 91001, \"units\": \"kW\", \"data\": ["
                + "{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 4}, {\"datetime\": \"2018-08-24T00:15:00Z\", \"value\": 8}]}")
                .getBytes(StandardCharsets.UTF_8);
        String answer = RawHttp.postChunked("/data", "application/json", batch, batch.length, Api.ADMIN_KEY);
        assertThat(answer, startsWith("HTTP/1.1 200"));
        assertThat(answer, containsString("\"readings\":2"));
    }

    @Test
    void aPathThroughTheMeterFilesGetsTheLimitOfWhereItLeads() throws Exception {
        // /meter-files/../data is /data: it had the meter files' 512 MB limit, and 150 MB of JSON ran the heap out (a 500)
        String declared = RawHttp.postHeadersOnly("/meter-files/../data", "application/json", 20_000_000, Api.ADMIN_KEY);
        assertThat(declared, startsWith("HTTP/1.1 413"));
        assertThat(declared, containsString("\"detail\":\"The body declares 20000000 bytes; the limit is 10485760 (JOULE_MAX_BODY_SIZE)\""));
        String chunked = RawHttp.postChunked("/meter-files/../data", "application/json", new byte[65_536], 11_000_000, Api.ADMIN_KEY);
        assertThat(chunked, startsWith("HTTP/1.1 413"));
        assertThat(chunked, containsString("application/problem+json"));
    }

    @Test
    void aChunkedFormWithAFieldOverTheLimitIsAProblemNotAnErrorPage() throws Exception {
        // Netty's form decoder refused it, and Quarkus answered a text/plain "500 - Internal Server Error" page, logged as an ERROR
        byte[] form = ("api_key=" + "a".repeat(2_100)).getBytes(StandardCharsets.US_ASCII);
        String answer = RawHttp.postChunked("/data", "application/x-www-form-urlencoded", form, form.length, Api.ADMIN_KEY);
        assertThat(answer, startsWith("HTTP/1.1 400"));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("\"detail\":\"The form body could not be read: "));
    }
}
