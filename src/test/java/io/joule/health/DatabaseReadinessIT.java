package io.joule.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** The packaged jar, migrated and started on the tests' database, is live and ready, and serves its API description. */
@QuarkusIntegrationTest
class DatabaseReadinessIT {

    @Test
    void thePackagedAppIsReadyWithTheDatabaseUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void thePackagedAppServesItsOpenApiDescription() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Joule API"));
    }
}
