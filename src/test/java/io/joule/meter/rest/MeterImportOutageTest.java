package io.joule.meter.rest;

import static io.joule.testing.Api.admin;
import static org.hamcrest.Matchers.equalTo;

import io.joule.testing.FaultProxy;
import io.joule.testing.ProxiedDatabase;
import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A meter import runs on JDBC (COPY), not the reactive client: losing the database under it, or not reaching it,
 * answers the same 503 problem with Retry-After as the reactive paths, and the next import after the database is
 * back succeeds without a restart.
 */
@QuarkusTest
@TestProfile(MeterImportOutageTest.ProxiedJdbc.class)
class MeterImportOutageTest {

    /** The JDBC datasource goes through the proxy; the reactive one goes direct. */
    public static class ProxiedJdbc extends ProxiedDatabase.Profile {
        public ProxiedJdbc() {
            super(true);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("joule.database.acquire-timeout", "2s");
        }
    }

    FaultProxy proxy;

    static String file(String meter) {
        StringBuilder csv = new StringBuilder("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n");
        for (int i = 0; i < 96; i++) {
            csv.append(meter).append(',').append(meter).append(",P1,01/08/2021 ").append(String.format("%02d:%02d:00", i / 4, i % 4 * 15))
                    .append(",Import Wh Total,").append(i % 10).append(".5,kwh,\n");
        }
        return csv.toString();
    }

    static io.restassured.response.ValidatableResponse post(String csv) {
        return admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).when().post("/meter-files").then();
    }

    @Test
    void anImportThatLosesOrCannotReachTheDatabaseIs503WithRetryAfterAndTheNextOneSucceeds() throws Exception {
        String before = "O" + UUID.randomUUID().toString().substring(0, 8);
        post(file(before)).statusCode(201).body("rows", equalTo(96)); // a pooled JDBC connection now exists
        try {
            proxy.cut();
            for (int attempt = 0; attempt < 2; attempt++) { // the pooled connection is dropped, then none can be opened
                post(file("O" + UUID.randomUUID().toString().substring(0, 8))).statusCode(503)
                        .contentType("application/problem+json").header("Retry-After", "5")
                        .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"));
            }
        } finally {
            proxy.restore();
        }
        String after = "O" + UUID.randomUUID().toString().substring(0, 8);
        post(file(after)).statusCode(201).body("rows", equalTo(96));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("96|96"), Sql.rows("""
                select (select count(*) from reading r join series s on s.id = r.series_id where s.key like ?),
                       (select count(*) from reading r join series s on s.id = r.series_id where s.key like ?)""", before + "|%", after + "|%"));
    }
}
