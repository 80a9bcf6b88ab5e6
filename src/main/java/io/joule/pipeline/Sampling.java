package io.joule.pipeline;

/** How a series is sampled, which decides where the last interval before a gap ends (SPEC §3). */
public enum Sampling {
    /** A fixed cadence: a reading before a gap covers one nominal interval. */
    REGULAR,
    /** Change-of-value: a value holds until the next reading or max_gap. */
    COV,
    /** Snapshots at arbitrary times (registers, levels): no intervals. */
    IRREGULAR
}
