package io.joule.text;

/**
 * The rule for every text a client sends (SPEC §8): bounded in length, no control characters
 * (PostgreSQL refuses NUL outright) and no lone UTF-16 surrogate (which UTF-8 cannot carry and
 * would be stored as '?'). Callers name the field; this says what is wrong with it.
 */
public final class ClientText {
    /** The longest string any JSON field may hold; fields with a tighter rule check it themselves. */
    public static final int MAX_JSON_STRING = 1_000;

    private ClientText() {
    }

    /** The longest piece of client input an error message repeats. */
    public static final int MAX_ECHO = 60;

    /**
     * Client input as an error message may repeat it: at most {@link #MAX_ECHO} characters, with the
     * full length said, so a 43 KB line that failed to parse is not sent back whole.
     */
    public static String abbreviate(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, MAX_ECHO - 3) + "... (" + text.length() + " characters)";
    }

    /**
     * The body as UTF-8, without a leading byte order mark, that refuses malformed bytes (a {@link java.nio.charset.CharacterCodingException} while reading)
     * instead of storing U+FFFD in their place.
     */
    public static java.io.Reader strictUtf8(java.io.InputStream body) throws java.io.IOException {
        java.io.PushbackReader text = new java.io.PushbackReader(new java.io.BufferedReader(new java.io.InputStreamReader(body,
                java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT))));
        // A byte order mark (as spreadsheet programs write) is not part of the first field.
        int first = text.read();
        if (first >= 0 && first != '\uFEFF') {
            text.unread(first);
        }
        return text;
    }

    /**
     * What a failure reading a client's file becomes: the 400 of {@link #notUtf8()} when the decoder refused its bytes
     * (FastCSV wraps that in an UncheckedIOException while iterating), else the I/O failure itself, unchecked.
     */
    public static RuntimeException unreadable(Exception readFailure) {
        Throwable cause = readFailure instanceof java.io.UncheckedIOException u ? u.getCause() : readFailure;
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return notUtf8();
        }
        return readFailure instanceof RuntimeException r ? r : new java.io.UncheckedIOException((java.io.IOException) readFailure);
    }

    /** The answer to a body that is not UTF-8. No line is named: the decoder reads ahead, so it would be a guess. */
    public static io.joule.problem.ProblemException notUtf8() {
        return io.joule.problem.ProblemException.badRequest(
                "The file holds bytes that are not UTF-8; send it as UTF-8 text. Nothing was stored", null);
    }

    /** Why the text is refused, or null when it is acceptable. */
    public static String problem(String text, int maxLength) {
        if (text.length() > maxLength) {
            return "is longer than " + maxLength + " characters (" + text.length() + ")";
        }
        return characterProblem(text, false);
    }

    /**
     * Whether the bytes are UTF-8 as RFC 3629 defines it. Jackson's parser decodes some malformed forms (the overlong
     * {@code C0 AF} as '/'), which this refuses; it decodes in pieces, so a large body costs no copy of itself.
     */
    public static boolean isUtf8(byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.min(bytes.length, 8_192) + 2);
        while (true) {
            java.nio.charset.CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return true;
            }
            out.clear();
        }
    }

    /** The text as an error can show it: control characters and surrogates (so a pair too) as {@code \\uXXXX}, cut near {@link #MAX_ECHO}. */
    public static String printable(String text) {
        return printable(text, false);
    }

    /** As {@link #printable(String)}, as a JSON Pointer reference token (RFC 6901): '~' and '/' escaped too. */
    public static String pointerToken(String text) {
        return printable(text, true);
    }

    private static String printable(String text, boolean pointer) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_ECHO; i++) {
            char c = text.charAt(i);
            if (pointer && (c == '~' || c == '/')) {
                out.append(c == '~' ? "~0" : "~1");
            } else if (isControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether the text is an integer written in ASCII: an optional sign, then digits 0-9. Java's number parsers also take
     * other scripts' digits (٤٢ reads as 42), so two spellings would name one series.
     */
    public static boolean isAsciiInteger(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A C0 control character, DEL or a C1 control character: what no client text may hold (but a tab where allowed). */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** Why the text is refused (C0 and C1 control characters, lone surrogates), or null; a tab is allowed only where {@code tabAllowed}. */
    public static String characterProblem(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character at position " + (i + 1);
            }
            if (isControl(c) && !(tabAllowed && c == '\t')) {
                return String.format("contains the control character U+%04X at position %d", (int) c, i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("contains a lone UTF-16 surrogate U+%04X at position %d", (int) c, i + 1);
            }
        }
        return null;
    }
}
