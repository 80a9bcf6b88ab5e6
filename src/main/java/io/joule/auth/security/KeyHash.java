package io.joule.auth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keys are 256 random bits, so one SHA-256 is enough to make a stolen table useless: a slow
 * password hash would only slow every request.
 */
public final class KeyHash {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHash() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "jk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String of(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean sameKey(String a, String b) {
        return MessageDigest.isEqual(of(a).getBytes(StandardCharsets.US_ASCII), of(b).getBytes(StandardCharsets.US_ASCII));
    }
}
