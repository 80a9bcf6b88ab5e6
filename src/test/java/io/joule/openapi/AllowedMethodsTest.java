package io.joule.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Test
    void aLongSegmentThatDoesNotMatchFailsAtOnce() {
        AllowedMethods table = AllowedMethods.of(Map.of("/footprint/{assetId}/{date}/{range: [^/]+}{slash: /?}",
                OASFactory.createPathItem().GET(OASFactory.createOperation())));
        String path = "/footprint/a/b/" + "x".repeat(8_000) + "/y";
        // with a pattern per parameter, 8,000 characters took 0.55 to 0.8 s to fail (backtracking over every split)
        assertEquals(Optional.empty(), assertTimeoutPreemptively(Duration.ofMillis(200), () -> table.allowFor(path)));
        assertEquals(Optional.of("GET, HEAD, OPTIONS"), table.allowFor("/footprint/a/b/" + "x".repeat(8_000)));
    }

    @Test
    void aLookupBeforeTheDocumentIsBuiltBuildsItFirst() {
        Map<String, PathItem> paths = Map.of("/data", OASFactory.createPathItem().GET(OASFactory.createOperation())
                .POST(OASFactory.createOperation()));
        int[] builds = {0};
        AllowedMethods.buildBeforeLookup(() -> {
            builds[0]++;
            AllowedMethods.record(paths);
            AllowedMethods.buildBeforeLookup(null);
        });
        try {
            assertEquals(Optional.of("GET, HEAD, POST, OPTIONS"), AllowedMethods.forPath("/data"));
            assertEquals(Optional.of("GET, HEAD, POST, OPTIONS"), AllowedMethods.forPath("/data/"));
            assertEquals(1, builds[0]);
        } finally {
            AllowedMethods.record(Map.of());
        }
    }
}
