package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link TestDatabase} and the Carbon Intensity API stub once for every {@code @QuarkusTest}. */
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(CarbonIntensityStub.class)
public class DatabaseTestResource {
}
