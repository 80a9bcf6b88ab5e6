package io.joule.meter.rest;

import static io.joule.testing.Api.admin;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.testing.Api;
import io.joule.testing.RawHttp;
import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client that stops half-way through an upload holds no database connection and cannot starve the others. */
@QuarkusTest
class SlowUploadTest {
    private static final byte[] HEADER = "MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void stalledUploadsHoldNoConnectionAndTheFifthIsTold503WithRetryAfter() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // joule.max-concurrent-imports defaults to 4
                stalled.add(RawHttp.stall("/meter-files", "text/csv", 1_000_000, Api.ADMIN_KEY, HEADER));
            }
            Thread.sleep(1_000); // let the server start reading all four

            List<String> waiting = Sql.rows("select count(*) from pg_stat_activity where datname = current_database()"
                    + " and state = 'idle in transaction'");
            assertEquals(List.of("0"), waiting, "no transaction is open while the clients are still sending");

            admin().get("/data?spaceship_id=1").then().statusCode(equalTo(404));
            RestAssured.get("/q/health/ready").then().statusCode(200);

            String busy = RawHttp.exchange("POST /meter-files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Api.ADMIN_KEY + "\r\nContent-Type: text/csv\r\nContent-Length: " + HEADER.length, HEADER);
            assertThat(busy, startsWith("HTTP/1.1 503"));
            assertThat(busy.toLowerCase(), containsString("retry-after: 5"));
            assertThat(busy, containsString("application/problem+json"));
            assertThat(busy, containsString("JOULE_MAX_CONCURRENT_IMPORTS"));
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void aWriteWithoutContentTypeIsA415Problem() throws Exception {
        byte[] body = "{\"spaceship_id\": 5, \"units\": \"kW\", \"data\": []}".getBytes(StandardCharsets.US_ASCII);
        String answer = RawHttp.exchange("POST /data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Api.ADMIN_KEY
                + "\r\nContent-Length: " + body.length, body);
        assertThat(answer, startsWith("HTTP/1.1 415"));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("no Content-Type"));
    }
}
