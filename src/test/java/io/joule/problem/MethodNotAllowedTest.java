package io.joule.problem;

import static io.joule.testing.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A 405 names the methods the path answers (RFC 9110 §15.5.6), as read from the resources' OpenAPI document. */
@QuarkusTest
class MethodNotAllowedTest {

    @Test
    void aMethodThePathDoesNotAnswerIs405WithAllow() {
        admin().when().patch("/data").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", "GET, HEAD, POST, OPTIONS")
                .body("detail", equalTo("This path does not answer PATCH; it answers GET, HEAD, POST, OPTIONS"));
        admin().when().delete("/ships/1/daily").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        admin().when().put("/api-keys/12").then().statusCode(405).header("Allow", "DELETE, OPTIONS");
        admin().urlEncodingEnabled(false).when().put("/x/../data").then().statusCode(405).header("Allow", "GET, HEAD, POST, OPTIONS");
    }

    @Test
    void aPathWithAnOptionalTrailingSlashMatchesWithAndWithoutIt() {
        admin().when().post("/footprint/abc/2019-11-25/day").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        admin().when().post("/footprint/abc/2019-11-25/day/").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        // one character: the segment is matched by one pattern, not one per parameter of the template
        admin().when().post("/footprint/abc/2019-11-25/d").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void optionsNamesThePathsOwnMethodsNotThoseOfItsResourceClass() {
        admin().when().options("/api-keys").then().statusCode(200).header("Allow", "GET, HEAD, POST, OPTIONS");
        admin().when().options("/api-keys/12").then().statusCode(200).header("Allow", "DELETE, OPTIONS");
        admin().when().options("/nonexistent").then().statusCode(404).contentType("application/problem+json").header("Allow", nullValue());
        admin().when().options("/data/x/y").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void quarkusOwnEndpointsOnlyRead() {
        admin().when().post("/q/health/live").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", "GET, HEAD, OPTIONS")
                .body("detail", equalTo("This path does not answer POST; it answers GET, HEAD, OPTIONS"));
        admin().when().delete("/q/openapi").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        admin().when().put("/q/metrics").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        admin().urlEncodingEnabled(false).when().post("/%71/health/live").then().statusCode(405);
        admin().when().options("/q/health").then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS");
        admin().when().get("/q/health/live").then().statusCode(200);
        admin().when().head("/q/health/live").then().statusCode(200);
    }
}
