package io.joule.meter;

import java.util.Locale;
import java.util.Set;

/**
 * Whether two spellings name a channel's one unit. Exactly the same text always does. Case is ignored only for the
 * units meter files carry, none of which has a prefix whose case matters: kwh and kWh are one unit, while mWh and MWh
 * differ by a factor of 10^9, so unknown units must match exactly.
 */
public final class ChannelUnits {
    private static final Set<String> CASE_FREE = Set.of("wh", "kwh", "varh", "kvarh", "vah", "kvah", "w", "kw", "var", "kvar", "va", "kva");

    private ChannelUnits() {
    }

    public static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        return isAscii(a) && isAscii(b) && a.equalsIgnoreCase(b) && CASE_FREE.contains(a.toLowerCase(Locale.ROOT));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
