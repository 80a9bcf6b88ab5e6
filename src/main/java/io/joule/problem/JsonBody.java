package io.joule.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.joule.text.ClientText;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;

/** Reads a request body as a JSON tree, turning every way it can be malformed into a 400. */
public final class JsonBody {
    private static final ObjectReader READER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private JsonBody() {
    }

    /**
     * Jackson's message without its own names (features to enable, Java types): what a client sent and where, not how
     * the parser is configured.
     */
    public static String plain(String jackson) {
        if (jackson == null) {
            return "unreadable";
        }
        // What the client sent ('…' in Jackson's messages) is set aside, shortened, and never rewritten
        List<String> quoted = new ArrayList<>();
        Matcher q = QUOTED.matcher(jackson);
        StringBuilder ours = new StringBuilder();
        while (q.find()) {
            q.appendReplacement(ours, Matcher.quoteReplacement(PLACEHOLDER + quoted.size() + PLACEHOLDER));
            quoted.add("'" + ClientText.abbreviate(q.group(1)) + "'");
        }
        Matcher m = BACKTICKED.matcher(q.appendTail(ours).toString()
                .replaceAll(": enable `JsonReadFeature\\.ALLOW_NON_NUMERIC_NUMBERS` to allow", " (JSON numbers have no NaN or Infinity)")
                .replaceAll(": enable `[^`]*` to allow", " (not JSON)")
                // asides that name the parser's settings or types: "(bound as `X`)", "(but might if coercion using `X` was enabled)"
                .replaceAll(" \\([^()`]*`[^`]*`[^()]*\\)", "")
                .replaceAll(": not allowed as per `[^`]*`", "; send one JSON value")
                .replaceAll("\\(not recognized as one since Feature " + PLACEHOLDER + "\\d+" + PLACEHOLDER + " not enabled for parser\\)",
                        "(JSON has no comments)"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(kind(m.group(1))));
        }
        Matcher back = Pattern.compile(PLACEHOLDER + "(\\d+)" + PLACEHOLDER).matcher(m.appendTail(out).toString());
        StringBuilder restored = new StringBuilder();
        while (back.find()) {
            back.appendReplacement(restored, Matcher.quoteReplacement(quoted.get(Integer.parseInt(back.group(1)))));
        }
        return back.appendTail(restored).toString();
    }

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** Marks a set-aside quotation: a private-use character, which Jackson's own words never hold. */
    private static final String PLACEHOLDER = "\uE000";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

    /** What a Java type Jackson names stands for in JSON. */
    private static String kind(String javaType) {
        return switch (javaType) {
            case "int", "long", "short", "byte", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
                    "java.math.BigInteger" -> "integer";
            case "double", "float", "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> "number";
            case "boolean", "java.lang.Boolean" -> "boolean";
            case "java.lang.String" -> "string";
            default -> javaType.startsWith("java.util.") && javaType.contains("List") || javaType.endsWith("[]") ? "array" : "JSON";
        };
    }

    public static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The body is empty; send JSON", null);
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ProblemException.badRequest("Malformed JSON: " + plain(e.getOriginalMessage()) + where, null);
        } catch (IOException e) {
            throw ProblemException.badRequest("Unreadable body: " + e.getMessage(), null);
        }
        if (!ClientText.isUtf8(body)) {
            throw ProblemException.badRequest("The body holds bytes that are not UTF-8 (an overlong or otherwise malformed "
                    + "sequence); send it as UTF-8. Nothing was stored", null);
        }
        List<ProblemError> errors = new ArrayList<>();
        checkText(root, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The body has text that may not be stored; nothing was stored", errors);
        }
        return root;
    }

    /** Every string and field name, however deep, is held to the ClientText rule; errors name the JSON pointer. */
    private static void checkText(JsonNode root, List<ProblemError> errors) {
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(root, null, null));
        while (!pending.isEmpty() && errors.size() < 100) {
            Pending next = pending.pop();
            JsonNode n = next.node();
            if (n.isTextual()) {
                String problem = ClientText.problem(n.textValue(), ClientText.MAX_JSON_STRING);
                if (problem != null) {
                    errors.add(ProblemError.at(next.pointer(), problem));
                }
            } else if (n.isArray()) {
                for (int i = n.size() - 1; i >= 0; i--) {
                    pending.push(new Pending(n.get(i), next, i));
                }
            } else if (n.isObject()) {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(n.size());
                n.fields().forEachRemaining(fields::add);
                for (int i = fields.size() - 1; i >= 0; i--) {
                    String name = fields.get(i).getKey();
                    String problem = ClientText.problem(name, ClientText.MAX_JSON_STRING);
                    Pending field = new Pending(fields.get(i).getValue(), next, name);
                    if (problem != null) {
                        errors.add(ProblemError.at(field.pointer(), "field name " + problem));
                    } else {
                        pending.push(field);
                    }
                }
            }
        }
    }

    /**
     * A node still to check, with its parent and its own segment (an array index or a field name): the JSON pointer is
     * built only for an error, since a valid body of 100,000 points would otherwise build one string per value.
     */
    private record Pending(JsonNode node, Pending parent, Object segment) {
        String pointer() {
            Deque<Object> segments = new ArrayDeque<>();
            for (Pending p = this; p.parent() != null; p = p.parent()) {
                segments.push(p.segment());
            }
            StringBuilder out = new StringBuilder();
            for (Object segment : segments) {
                out.append('/').append(segment instanceof String name ? ClientText.pointerToken(name) : segment);
            }
            return out.toString();
        }
    }

    /** The node as short text for an error message. */
    public static String abbreviate(JsonNode node) {
        return ClientText.abbreviate(node.toString());
    }
}
