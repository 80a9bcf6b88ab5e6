package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The test database ({@link TestDatabase}) with the service's reactive connections routed through a
 * {@link FaultProxy}; JDBC (Flyway, and the tests' own checks through {@link Sql}) goes direct, so a test can cut
 * the service off and still see what was stored. Injects the proxy into a test's {@code FaultProxy} field.
 */
public class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {
    private final TestDatabase database = new TestDatabase();
    private FaultProxy proxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database.start());
        URI direct = URI.create(config.get("quarkus.datasource.reactive.url"));
        proxy = new FaultProxy(direct.getHost(), direct.getPort() < 0 ? 5432 : direct.getPort()).restore();
        String proxied = direct.getScheme() + "://127.0.0.1:" + proxy.port() + direct.getRawPath()
                + (direct.getRawQuery() == null ? "" : "?" + direct.getRawQuery());
        config.put("quarkus.datasource.reactive.url", proxied);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(FaultProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        database.stop();
    }
}
