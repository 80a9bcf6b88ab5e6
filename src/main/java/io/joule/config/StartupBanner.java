package io.joule.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Tells the operator how to get in: the dev admin key in dev mode, a warning when no admin key is set. */
@Singleton
public class StartupBanner {

    void onStart(@Observes StartupEvent event, JouleConfig config) {
        if (config.adminKey().isEmpty()) {
            Log.warn("JOULE_ADMIN_KEY is not set: only stored API keys can authenticate");
        } else if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            Log.infof("Dev admin key: %s  (curl -H 'Authorization: Bearer %s' http://localhost:%d/api-keys)",
                    config.adminKey().get(), config.adminKey().get(), port);
        }
    }
}
