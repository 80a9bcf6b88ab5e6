package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers {@link TestDatabase}, the Carbon Intensity API stub and the bootstrap admin key once for every
 * {@code @QuarkusTest} and every {@code @QuarkusIntegrationTest} (which runs the packaged jar).
 */
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(CarbonIntensityStub.class)
@QuarkusTestResource(BootstrapAdminKey.class)
public class DatabaseTestResource {
}
