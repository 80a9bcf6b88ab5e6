package io.joule.ship.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ShipDataResourceTest}'s literal SPEC §3 cases against the packaged jar, with the bootstrap admin key. */
@QuarkusIntegrationTest
class ShipDataResourceIT extends ShipDataResourceTest {
}
