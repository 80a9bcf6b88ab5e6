package io.joule.pipeline;

/** What a series' readings measure, which decides how they become energy. */
public enum Quantity {
    /** kW held constant until the next reading (zero-order hold). */
    POWER,
    /** kWh used over the interval up to the next reading, spread uniformly. */
    ENERGY,
    /** Anything else (kvarh, V, A, registers, levels): kept as given, never turned into slots. */
    OTHER
}
