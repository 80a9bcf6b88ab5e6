package io.joule.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
        // served by DeferredOpenApiDocumentService in the packaged app, which @QuarkusTest never runs
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Joule API"))
                .body("paths.'/data'.post.summary", equalTo("Post a batch of ship readings"));
        given().get("/q/openapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(containsString("\nopenapi: 3."), containsString("\n  /data:\n"));
        given().get("/q/openapi.json").then().statusCode(200).body("info.title", equalTo("Joule API"));
    }
}
