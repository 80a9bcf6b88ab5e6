package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test database ({@link TestDatabase}) with the service's reactive connections routed through a
 * {@link FaultProxy}; JDBC (Flyway, and the tests' own checks through {@link Sql}) goes direct, so a test can cut
 * the service off and still see what was stored. With the init argument {@code jdbc=true} the JDBC datasource
 * (meter imports, and then {@link Sql} too) goes through the proxy instead. Injects the proxy into a test's
 * {@code FaultProxy} field.
 */
public class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {
    private final TestDatabase database = new TestDatabase();
    private FaultProxy proxy;
    private boolean jdbc;

    @Override
    public void init(Map<String, String> initArgs) {
        jdbc = Boolean.parseBoolean(initArgs.getOrDefault("jdbc", "false"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database.start());
        String key = jdbc ? "quarkus.datasource.jdbc.url" : "quarkus.datasource.reactive.url";
        String scheme = jdbc ? "jdbc:" : "";
        URI direct = URI.create(config.get(key).substring(scheme.length()));
        proxy = new FaultProxy(direct.getHost(), direct.getPort() < 0 ? 5432 : direct.getPort()).restore();
        String proxied = scheme + direct.getScheme() + "://127.0.0.1:" + proxy.port() + direct.getRawPath()
                + (direct.getRawQuery() == null ? "" : "?" + direct.getRawQuery());
        config.put(key, proxied);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(FaultProxy.class));
    }

    /**
     * A test profile with the reactive datasource (or, with {@code jdbc}, the JDBC one) through the proxy and no global
     * test resource; a test extends it with its own config overrides.
     */
    public static class Profile implements QuarkusTestProfile {
        private final boolean jdbcThroughProxy;

        public Profile() {
            this(false);
        }

        protected Profile(boolean jdbcThroughProxy) {
            this.jdbcThroughProxy = jdbcThroughProxy;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabase.class, Map.of("jdbc", Boolean.toString(jdbcThroughProxy))));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        database.stop();
    }
}
