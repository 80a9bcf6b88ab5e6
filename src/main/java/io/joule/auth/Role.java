package io.joule.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do; the lower-case name is the stored and API form. */
public enum Role {
    /** Everything. */
    ADMIN,
    /** Reads every series, writes nothing. */
    COORDINATOR,
    /** Writes and reads one series, named by its subject ({@code ship:42}). */
    DEVICE,
    /** A person who links sensors to an account. */
    USER;

    public static final String ADMIN_NAME = "admin";
    public static final String COORDINATOR_NAME = "coordinator";
    public static final String DEVICE_NAME = "device";
    public static final String USER_NAME = "user";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> byCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
