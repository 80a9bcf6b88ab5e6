package io.joule.carbon;

import java.time.Instant;

/** The answer to an intensity import or fetch. */
public record IngestedIntensity(String region, int periods, Instant from, Instant to, int requests) {
}
