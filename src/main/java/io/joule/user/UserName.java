package io.joule.user;

import java.text.Normalizer;
import java.util.Optional;
import java.util.Set;

/**
 * A user's name as stored: one spelling per name and nothing invisible in it, so two users never look alike by
 * accident. Zoë typed as one code point or as e and a combining diaeresis is one name (NFC); spaces at either end go;
 * zero-width spaces, byte order marks, bidirectional controls and soft hyphens are refused, as are unassigned code
 * points, noncharacters, line separators, blank fillers and names of nothing but marks. The joiners that scripts and
 * emoji need (U+200C, U+200D) and the tags of subdivision flags stay.
 */
public final class UserName {
    /** The most code points a name may have, as the table's check counts them. */
    public static final int MAX_LENGTH = 100;
    public static final String RULE = "1 to " + MAX_LENGTH + " characters (Unicode code points, after NFC normalization) with "
            + "something visible, and no invisible formatting characters (zero-width space, byte order mark, bidirectional "
            + "controls, soft hyphen, line separators, blank fillers), code points unassigned in Unicode 13 (Java 17's) or noncharacters";

    /** Letters and symbols by their category that show nothing: Hangul fillers and the blank Braille pattern. */
    private static final Set<Integer> BLANK_FILLERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

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
            boolean tag = cp >= 0xE0020 && cp <= 0xE007F && i > Character.charCount(cp) && isFlagOrTag(name.codePointBefore(i - Character.charCount(cp)));
            if (type == Character.FORMAT && cp != 0x200C && cp != 0x200D && !tag || type == Character.UNASSIGNED || type == Character.CONTROL
                    || type == Character.SURROGATE || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || isNoncharacter(cp) || BLANK_FILLERS.contains(cp)) {
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

    /** A subdivision flag is the black flag followed by tag characters (England: U+1F3F4 U+E0067 … U+E007F). */
    private static boolean isFlagOrTag(int cp) {
        return cp == 0x1F3F4 || cp >= 0xE0020 && cp <= 0xE007F;
    }

    private static boolean isNoncharacter(int cp) {
        return (cp & 0xFFFE) == 0xFFFE || cp >= 0xFDD0 && cp <= 0xFDEF;
    }
}
