package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Sets the bootstrap admin key ({@code joule.admin-key}, env {@code JOULE_ADMIN_KEY}) to {@link Api#ADMIN_KEY}, as an
 * operator does: the packaged app that the {@code *IT} tests run has the prod profile, where no key is configured.
 */
public class BootstrapAdminKey implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("joule.admin-key", Api.ADMIN_KEY);
    }

    @Override
    public void stop() {
    }
}
