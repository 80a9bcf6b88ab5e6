package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link TestDatabase} once for every {@code @QuarkusTest}. */
@QuarkusTestResource(TestDatabase.class)
public class DatabaseTestResource {
}
