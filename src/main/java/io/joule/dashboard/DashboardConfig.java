package io.joule.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The browser dashboard's sessions. */
@ConfigMapping(prefix = "joule.dashboard")
public interface DashboardConfig {

    /** A session unused this long ends (env JOULE_DASHBOARD_SESSION_IDLE_TIMEOUT, an ISO-8601 duration). */
    @WithDefault("PT30M")
    Duration sessionIdleTimeout();

    /** A session ends this long after sign-in however busy it is (env JOULE_DASHBOARD_SESSION_MAX_AGE). */
    @WithDefault("PT12H")
    Duration sessionMaxAge();

    /** At most this many sessions are kept; beyond it the longest idle one ends. */
    @WithDefault("10000")
    int maxSessions();
}
