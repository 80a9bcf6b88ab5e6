package io.joule.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.AbsentDatabase;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packaged jar started against a database that does not exist creates it under its exact name and migrates it. */
@QuarkusIntegrationTest
@TestProfile(MissingDatabaseIT.OnlyTheServer.class)
class MissingDatabaseIT {

    /** Only {@link AbsentDatabase}: the global test database would otherwise hand the app an existing one. */
    public static class OnlyTheServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AbsentDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    AbsentDatabase database;

    @Test
    void theStartCreatedTheDatabaseUnderItsQuotedNameAndMigratedIt() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertEquals(List.of(database.name()), database.onServer());
        assertEquals(migrationFiles(), database.appliedMigrations());
        // the app, not the test resource, made it: @QuarkusIntegrationTest logs the jar's run to target/quarkus.log
        String log = Files.readString(Path.of("target", "quarkus.log"));
        assertTrue(log.contains("Created database \"" + database.name() + "\" on " + database.server().hostAndPort()
                + ": it did not exist (joule.database.create-if-missing=true)"), log);
    }

    private static int migrationFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
