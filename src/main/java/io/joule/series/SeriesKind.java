package io.joule.series;

/** The kinds of series Joule keeps (SPEC §1); the lower-case name is the stored and API form. */
public enum SeriesKind {
    SHIP, METER, SENSOR, ASSET, GRID;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The subject a device key names for one series of this kind, e.g. {@code ship:42}. */
    public String subject(String key) {
        return code() + ":" + key;
    }
}
