package io.joule.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is a contract a client can be generated from: typed request bodies with examples. */
@QuarkusTest
class OpenApiContractTest {
    static JsonNode doc;

    // Not @BeforeAll: the random test port is known only once the test instance runs.
    @BeforeEach
    void fetch() throws Exception {
        doc = new ObjectMapper().readTree(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void everyJsonRequestBodyHasAnObjectSchemaAndAnExample() {
        Map<String, JsonNode> bodies = jsonRequestBodies();
        assertEquals(List.of("POST /api-keys", "POST /carbon-intensity", "POST /data", "POST /readings", "POST /sensors", "POST /users"),
                List.copyOf(bodies.keySet()));
        bodies.forEach((operation, media) -> {
            JsonNode schema = resolve(media.path("schema"));
            List<JsonNode> objects = new ArrayList<>();
            if ("object".equals(schema.path("type").asText())) {
                objects.add(schema);
            }
            schema.path("oneOf").forEach(s -> objects.add(resolve(s)));
            assertFalse(objects.isEmpty(), operation + " has no object schema: " + schema);
            for (JsonNode object : objects) {
                if ("array".equals(object.path("type").asText())) {
                    object = resolve(object.path("items"));
                }
                assertEquals("object", object.path("type").asText(), operation + ": " + object);
                assertTrue(object.path("properties").size() > 0, operation + " has an object schema without properties");
            }
            assertTrue(media.path("examples").size() > 0 || media.has("example"), operation + " has no example");
            assertFalse("binary".equals(schema.path("format").asText()), operation + " is still a file");
        });
    }

    @Test
    void propertiesAreSnakeCaseAsOnTheWire() {
        JsonNode batch = doc.at("/components/schemas/ShipBatchRequest/properties");
        assertEquals(List.of("data", "spaceship_id", "units"), sortedNames(batch));
        assertEquals(List.of("spaceship_id", "units", "data"), List.of(doc.at("/components/schemas/ShipBatchRequest/required").get(0).asText(),
                doc.at("/components/schemas/ShipBatchRequest/required").get(1).asText(),
                doc.at("/components/schemas/ShipBatchRequest/required").get(2).asText()));
        assertEquals(List.of("created_at", "sensor_id", "water_level"), sortedNames(doc.at("/components/schemas/WaterLevelMessage/properties")));
    }

    @Test
    void theBearerSchemeIsDeclaredAndRequiredByTheApi() {
        JsonNode scheme = doc.at("/components/securitySchemes/bearer");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertEquals("bearer", doc.at("/paths/~1data/post/security/0").fieldNames().next());
    }

    @Test
    void everyPathParameterIsDeclaredAndTheLegacyChartShowsItsTrailingSlash() {
        List<String> undeclared = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            java.util.regex.Matcher template = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (template.find()) {
                String name = template.group(1);
                boolean declared = false;
                for (JsonNode p : op.getValue().path("parameters")) {
                    declared |= name.equals(p.path("name").asText()) && "path".equals(p.path("in").asText());
                }
                if (!declared) {
                    undeclared.add(op.getKey() + " " + path.getKey() + " {" + name + "}");
                }
            }
        }));
        assertEquals(List.of(), undeclared);
        assertTrue(doc.path("paths").has("/footprint/{assetId}/{date}/{range}/"), "no legacy chart path with its slash");
        assertFalse(doc.path("paths").toString().contains("{slash}"));
    }

    @Test
    void chartParametersAreDescribedAndTheDayIsRequired() {
        for (String path : List.of("/assets/{assetId}/footprint", "/assets/{assetId}/footprint.svg", "/assets/{assetId}/footprint.png")) {
            Map<String, JsonNode> byName = new TreeMap<>();
            doc.path("paths").path(path).path("get").path("parameters").forEach(p -> byName.put(p.path("name").asText(), p));
            assertEquals(List.of("assetId", "date", "from", "region", "to", "zone"), List.copyOf(byName.keySet()), path);
            byName.forEach((name, p) -> assertFalse(p.path("description").asText().isBlank(), path + " " + name + " has no description"));
            assertTrue(byName.get("date").path("required").asBoolean(), path + ": date is not required");
        }
    }

    @Test
    void theMeterFileZoneIsNotPrefilledWithAnotherZoneThanTheDefault() {
        JsonNode zone = null;
        for (JsonNode p : doc.at("/paths/~1meter-files/post/parameters")) {
            if ("zone".equals(p.path("name").asText())) {
                zone = p;
            }
        }
        assertTrue(zone != null, "no zone parameter");
        assertFalse(zone.has("example"), zone.toString());
        assertEquals("UTC", zone.path("schema").path("default").asText(), zone.toString());
    }

    @Test
    void pagingCursorsAreNotPrefilled() {
        // Swagger UI fills a parameter's example into Try it out: an example cursor would silently skip the first page.
        for (String path : List.of("/data", "/meters")) {
            JsonNode after = parameter(path, "after");
            assertFalse(after.has("example") || after.has("examples") || after.path("schema").has("default"), path + ": " + after);
        }
    }

    @Test
    void exportsOfferJsonAndCsvAndPagedListsDeclareTheirParametersAndLinkHeader() {
        for (String path : List.of("/data", "/ships/{id}/daily", "/meters/{meterCode}/daily-stats", "/sensors/{id}/consumption",
                "/assets/{assetId}/footprint")) {
            JsonNode get = doc.path("paths").path(path).path("get");
            assertEquals(List.of("application/json", "text/csv"), sortedNames(get.at("/responses/200/content")), path);
            assertTrue(get.at("/responses/200/content/text~1csv/examples").size() > 0, path + " has no CSV example");
            assertEquals("application/problem+json", get.at("/responses/406/content").fieldNames().next(), path);
        }
        for (String path : List.of("/data", "/meters")) {
            JsonNode get = doc.path("paths").path(path).path("get");
            List<String> parameters = new ArrayList<>();
            get.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
            assertTrue(parameters.containsAll(List.of("limit", "after")), path + ": " + parameters);
            assertFalse(get.at("/responses/200/headers/Link").isMissingNode(), path + " declares no Link header");
        }
        JsonNode limit = resolve(parameter("/data", "limit").path("schema"));
        assertEquals(List.of(1, 100000, 10000), List.of(limit.path("minimum").asInt(), limit.path("maximum").asInt(), limit.path("default").asInt()));
        limit = resolve(parameter("/meters", "limit").path("schema"));
        assertEquals(List.of(1, 1000, 100), List.of(limit.path("minimum").asInt(), limit.path("maximum").asInt(), limit.path("default").asInt()));
        // The sensor's JSON is still the bare array of days.
        JsonNode days = resolve(doc.at("/paths/~1sensors~1{id}~1consumption/get/responses/200/content/application~1json/schema"));
        assertEquals("array", days.path("type").asText());
        assertEquals(List.of("consumption", "date", "end", "start"), sortedNames(resolve(days.path("items")).path("properties")));
    }

    private static JsonNode parameter(String path, String name) {
        for (JsonNode p : doc.path("paths").path(path).path("get").path("parameters")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError(path + " has no parameter " + name);
    }

    private static Map<String, JsonNode> jsonRequestBodies() {
        Map<String, JsonNode> found = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                JsonNode json = op.getValue().path("requestBody").path("content").path("application/json");
                if (!json.isMissingNode()) {
                    found.put(op.getKey().toUpperCase() + " " + path.getKey(), json);
                }
            });
        }
        return found;
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? schema : doc.at(ref.substring(1));
    }

    private static List<String> sortedNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
