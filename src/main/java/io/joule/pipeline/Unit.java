package io.joule.pipeline;

import java.util.Arrays;
import java.util.Optional;

/** The units a client may send, each with its quantity and its factor to kW or kWh. */
public enum Unit {
    W("W", Quantity.POWER, 1e-3),
    KW("kW", Quantity.POWER, 1),
    MW("MW", Quantity.POWER, 1e3),
    WH("Wh", Quantity.ENERGY, 1e-3),
    KWH("kWh", Quantity.ENERGY, 1),
    MWH("MWh", Quantity.ENERGY, 1e3);

    private final String symbol;
    private final Quantity quantity;
    private final double factor;

    Unit(String symbol, Quantity quantity, double factor) {
        this.symbol = symbol;
        this.quantity = quantity;
        this.factor = factor;
    }

    public static Optional<Unit> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(u -> u.symbol.equals(symbol)).findFirst();
    }

    public String symbol() {
        return symbol;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** The value in kW (power) or kWh (energy). */
    public double toCanonical(double value) {
        return factor == 1 ? value : value * factor;
    }
}
