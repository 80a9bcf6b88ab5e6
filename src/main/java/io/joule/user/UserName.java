package io.joule.user;

import java.text.Normalizer;
import java.util.Optional;

/**
 * A user's name as stored: one spelling per name and nothing invisible in it, so two users never look alike by
 * accident. Zoë typed as one code point or as e and a combining diaeresis is one name (NFC); spaces at either end go;
 * zero-width spaces, byte order marks, bidirectional controls and soft hyphens are refused, as are unassigned code
 * points, noncharacters and names of nothing but marks. The joiners that scripts and emoji need (U+200C, U+200D) stay.
 */
public final class UserName {
    /** The most code points a name may have, as the table's check counts them. */
    public static final int MAX_LENGTH = 100;
    public static final String RULE = "1 to " + MAX_LENGTH + " characters (Unicode code points, after NFC normalization) with "
            + "something visible, and no invisible formatting characters (zero-width space, byte order mark, bidirectional "
            + "controls, soft hyphen), unassigned code points or noncharacters";

    private UserName() {
    }

    /** The name as stored, or empty when it breaks {@link #RULE}. */
    public static Optional<String> canonical(String typed) {
        String name = strip(Normalizer.normalize(typed, Normalizer.Form.NFC));
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.empty();
        }
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT && cp != 0x200C && cp != 0x200D || type == Character.UNASSIGNED || type == Character.CONTROL
                    || type == Character.SURROGATE || isNoncharacter(cp)) {
                return Optional.empty();
            }
            visible |= !isSpace(cp) && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                    && type != Character.COMBINING_SPACING_MARK && type != Character.FORMAT;
        }
        return visible ? Optional.of(name) : Optional.empty();
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static boolean isNoncharacter(int cp) {
        return (cp & 0xFFFE) == 0xFFFE || cp >= 0xFDD0 && cp <= 0xFDEF;
    }
}
