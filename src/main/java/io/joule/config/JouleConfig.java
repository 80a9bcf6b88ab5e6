package io.joule.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.quarkus.runtime.configuration.MemorySize;
import java.util.Optional;

@ConfigMapping(prefix = "joule")
public interface JouleConfig {

    /** The bootstrap admin key (env JOULE_ADMIN_KEY); without it only stored keys authenticate. */
    Optional<String> adminKey();

    /** The largest number of points one JSON batch may carry. */
    @WithDefault("100000")
    int maxBatchPoints();

    /** How many days of history before the window a forecast fits on. */
    @WithDefault("56")
    int forecastHistoryDays();

    /** The largest meter file upload (env JOULE_MAX_FILE_SIZE). */
    @WithDefault("512M")
    MemorySize maxFileSize();

    /** The largest request body (env JOULE_MAX_BODY_SIZE), as Quarkus memory sizes: 10M, 512K. */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /** How many meter files may be received or imported at once (env JOULE_MAX_CONCURRENT_IMPORTS); more get 503. */
    @WithDefault("4")
    int maxConcurrentImports();

    /**
     * How long a stored key is trusted without asking the database (env JOULE_KEY_CACHE_TTL). A key revoked on another
     * instance stops working there within this time; on the revoking instance at once. 0 turns the cache off.
     */
    @WithDefault("5s")
    java.time.Duration keyCacheTtl();

    /** The National Grid Carbon Intensity API. */
    CarbonIntensity carbonIntensity();

    interface CarbonIntensity {
        /** Base URL (env JOULE_CARBON_INTENSITY_URL). */
        @WithDefault("https://api.carbonintensity.org.uk")
        String url();

        /** How long one request may take (env JOULE_CARBON_INTENSITY_TIMEOUT_MS). */
        @WithDefault("20000")
        int timeoutMs();

        /**
         * How long a whole fetch may take, all its requests together, before it is given up with a 504 and nothing stored
         * (env JOULE_CARBON_INTENSITY_FETCH_DEADLINE_MS): under the connection's idle timeout (quarkus.http.idle-timeout,
         * 120 s), so that the client gets an answer rather than a closed connection.
         */
        @WithDefault("100000")
        int fetchDeadlineMs();
    }
}
