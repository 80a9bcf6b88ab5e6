package io.joule.problem;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP/2 without TLS (h2c, prior knowledge) frames bodies with no Content-Length or Transfer-Encoding at all: a request
 * whose headers end the stream has no body, and one with DATA frames has one of unknown length. Both get the answers an
 * HTTP/1.1 client gets, never a 500.
 */
@QuarkusTest
class Http2FramingTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/data", "/readings", "/api-keys"})
    void aBodyOfUnknownLengthIsRefusedWithLengthRequired(String path) throws Exception {
        for (Buffer body : new Buffer[] {null, Buffer.buffer("{}")}) {
            Answer answer = post(path, "application/json", body, false);
            assertThat(answer.text(), answer.status(), is(411));
            assertThat(answer.contentType(), is("application/problem+json"));
            assertThat(answer.body(), containsString("\"detail\":\"Over HTTP/2 this endpoint needs a content-length header with the body "
                    + "(content-length: 0 for none); the limit is 10485760 bytes (JOULE_MAX_BODY_SIZE)\""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/data", "/readings"})
    void anEmptyBodyWithItsLengthIsABadRequest(String path) throws Exception {
        Answer answer = post(path, "application/json", Buffer.buffer(), true);
        assertThat(answer.text(), answer.status(), is(400));
        assertThat(answer.contentType(), is("application/problem+json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/data", "/readings"})
    void aBodyWithoutContentTypeIsRefused(String path) throws Exception {
        Answer answer = post(path, null, Buffer.buffer("{}"), true);
        assertThat(answer.text(), answer.status(), is(415));
        assertThat(answer.contentType(), is("application/problem+json"));
    }

    @Test
    void aPostThatTakesNoBodyNeedsContentLengthZeroOverHttp2() throws Exception {
        // Nothing in an HTTP/2 request's headers says whether DATA frames follow, so a bodiless POST says so itself.
        assertThat(post("/sensors/no-such-sensor/owner", null, null, false).status(), is(411));
        Answer declared = post("/sensors/no-such-sensor/owner", null, Buffer.buffer(), true);
        assertThat(declared.text(), declared.status(), is(403));
        assertThat(declared.contentType(), is("application/problem+json"));
    }

    @Test
    void aBatchWithItsLengthIsStored() throws Exception {
        Answer answer = post("/data", "application/json", Buffer.buffer("{\"spaceship_id\": 92001, \"units\": \"kW\", \"data\": ["
                + "{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 4}, {\"datetime\": \"2018-08-24T00:15:00Z\", \"value\": 8}]}"), true);
        assertThat(answer.text(), answer.status(), is(200));
        assertThat(answer.body(), containsString("\"readings\":2"));
    }

    /** With {@code declareLength} the body goes with a content-length header; without it, in DATA frames of unknown length. */
    private static Answer post(String path, String contentType, Buffer body, boolean declareLength) throws Exception {
        HttpClient h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            return exchange(h2c, path, contentType, body, declareLength);
        } finally {
            h2c.close();
        }
    }

    private static Answer exchange(HttpClient h2c, String path, String contentType, Buffer body, boolean declareLength) throws Exception {
        // The body is asked for in the callback that sends, on the connection's event loop, so before any answer can be
        // read. Chained from this thread instead, the answer was sometimes read in full (a few ms) before this thread got
        // to ask, and Vert.x drops a body nobody has asked for yet: body() never completed (eclipse-vertx/vert.x#5904).
        return h2c.request(HttpMethod.POST, RestAssured.port, "localhost", path).compose(request -> {
            request.putHeader("Authorization", "Bearer " + Api.ADMIN_KEY);
            if (contentType != null) {
                request.putHeader("Content-Type", contentType);
            }
            if (declareLength) {
                return request.send(body).compose(Http2FramingTest::answer);
            }
            request.setChunked(true);
            Future<Answer> answer = request.response().compose(Http2FramingTest::answer);
            if (body == null) {
                request.end();
            } else {
                request.end(body);
            }
            return answer;
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Future<Answer> answer(HttpClientResponse response) {
        return response.body().map(b -> new Answer(response.version(), response.statusCode(),
                response.getHeader("Content-Type"), b.toString()));
    }

    private record Answer(HttpVersion version, int status, String contentType, String body) {
        String text() {
            return version + " " + status + " " + body;
        }
    }
}
