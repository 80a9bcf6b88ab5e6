package io.joule.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jackson's refusals, as a client reads them: what was sent, in JSON's terms, never a parser feature or a Java type. */
class JsonBodyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NaN          | {\"v\": NaN}     | Malformed JSON: Non-standard token 'NaN' (JSON numbers have no NaN or Infinity) at line 1, column 10",
        "leading plus | {\"v\": +1}      | Malformed JSON: Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs (not JSON) at line 1, column 8",
        "comment      | {\"v\": 1 /* */} | Malformed JSON: Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (JSON has no comments) at line 1, column 9",
        "client's own | {\"a`int`b\": 1, \"a`int`b\": 2} | Malformed JSON: Duplicate field 'a`int`b' at line 1, column 25",
        "trailing     | {} {}            | Malformed JSON: Trailing token (of type START_OBJECT) found after value; send one JSON value at line 1, column 4",
    })
    void aMalformedBodyIsNamedInJsonsTerms(String what, String body, String detail) {
        ProblemException refused = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                () -> JsonBody.tree(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(detail, refused.getMessage());
    }

    /** A 5,000-character field name is not sent back whole. */
    @org.junit.jupiter.api.Test
    void aLongTokenIsShortened() {
        String name = "n".repeat(5_000);
        ProblemException refused = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                () -> JsonBody.tree(("{\"" + name + "\": 1, \"" + name + "\": 2}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("Malformed JSON: Duplicate field '" + "n".repeat(57) + "... (5000 characters)' at line 1, column 10011",
                refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "string for an int   | java.lang.Integer | \"x\" | Cannot coerce String value (\"x\") to integer value",
        "number for a string | boolean           | 1.5   | Cannot deserialize value of type boolean from Floating-point value",
    })
    void aDataBindingMessageNamesNoJavaType(String what, String type, String json, String expected) throws Exception {
        Class<?> target = type.equals("boolean") ? boolean.class : Integer.class;
        try {
            new ObjectMapper().disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS).readValue(json, target);
        } catch (JsonProcessingException e) {
            assertEquals(expected, JsonBody.plain(e.getOriginalMessage()));
            return;
        }
        throw new AssertionError("Jackson accepted " + json);
    }
    @org.junit.jupiter.api.Test
    void aTreeIsEstimatedTokenByToken() {
        // object 96 + field 40 + array 56 + number 24 + string 72 + the two ends 8 each
        assertEquals(304, JsonBody.treeBytes("{\"a\": [1, \"x\"]}".getBytes(StandardCharsets.UTF_8)));
    }

    @org.junit.jupiter.api.Test
    void bodiesWhoseTreeWouldFillTheHeapAreRefused() {
        byte[] strings = ("[" + "\"aaaa\",".repeat(989_999) + "\"aaaa\"]").getBytes(StandardCharsets.UTF_8);
        ProblemException tooLarge = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class, () -> JsonBody.tree(strings));
        assertEquals(413, tooLarge.status());
        assertEquals("The body holds too many JSON values to read at once (a tree over 48 MB); send it in parts", tooLarge.getMessage());
        byte[] numbers = ("[" + "1,".repeat(1_100_000) + "1]").getBytes(StandardCharsets.UTF_8);
        ProblemException tooMany = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class, () -> JsonBody.tree(numbers));
        assertEquals(400, tooMany.status());
        assertEquals("The body holds more than 1000000 JSON values; send it in parts", tooMany.getMessage());
        byte[] small = ("{\"name\": \"" + "a".repeat(JsonBody.MAX_SMALL_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        ProblemException registry = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class, () -> JsonBody.small(small));
        assertEquals(413, registry.status());
        assertEquals("The body is larger than 65536 bytes; this endpoint takes a few short fields", registry.getMessage());
    }
}
