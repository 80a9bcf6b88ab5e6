package io.joule.sensor.rest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Sensor ids: 1 to 64 of [A-Za-z0-9_-]; generated ones look like the original's 24 hex digits. */
final class SensorIds {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SensorIds() {
    }

    static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    static String generate() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
