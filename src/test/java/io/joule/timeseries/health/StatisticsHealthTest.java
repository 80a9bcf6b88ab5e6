package io.joule.timeseries.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /q/health names what serves the statistics, as the database itself says. */
@QuarkusTest
class StatisticsHealthTest {

    @Test
    void healthNamesTheImplementationTheDatabaseOffers() throws Exception {
        boolean aggregates = Sql.rows("""
                select exists (select 1 from pg_extension where extname = 'timescaledb') and to_regclass('slot_hourly') is not null""")
                .equals(java.util.List.of("t"));
        given().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'statistics' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'statistics' }.data.implementation", equalTo(aggregates ? "timescaledb" : "postgresql"))
                .body("checks.find { it.name == 'statistics' }.data.served_by",
                        startsWith(aggregates ? "continuous aggregates on TimescaleDB " : "transactional rollup tables on "));
    }
}
