package io.joule.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/** Reads a request body as a JSON tree, turning every way it can be malformed into a 400. */
public final class JsonBody {
    private static final ObjectReader READER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private JsonBody() {
    }

    public static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The body is empty; send JSON", null);
        }
        try {
            return READER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ProblemException.badRequest("Malformed JSON: " + e.getOriginalMessage() + where, null);
        } catch (IOException e) {
            throw ProblemException.badRequest("Unreadable body: " + e.getMessage(), null);
        }
    }

    /** The node as short text for an error message. */
    public static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
