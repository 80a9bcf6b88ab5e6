package io.joule.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
    /**
     * Most JSON values (tokens) one body may hold: 100,000 readings of a batch take about 800,000. A tree costs up to about
     * 60 bytes a token, so without this a 10 MB body of small numbers made a tree larger than the heap the README sets.
     */
    static final long MAX_TOKENS = 1_000_000;
    /** Largest body of the registry endpoints (a user, a key, a sensor): they hold a few short fields. */
    public static final int MAX_SMALL_BODY = 64 * 1024;
    /**
     * Largest tree one body may make, as {@link #treeBytes} estimates it: 100,000 sensor readings with their times make
     * about 38 MB. A 7 MB body of a million short strings would make about 70 MB, and a few such at once filled the
     * README's 192 MB heap.
     */
    static final long MAX_TREE_BYTES = 48L << 20;
    /** Bodies up to this size cannot make a tree near the bound, so they are not counted first. */
    private static final int COUNTED_FROM = 512 * 1024;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(MAX_TOKENS).build()).build();
    private static final ObjectReader READER = new ObjectMapper(FACTORY)
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

    /** The body of a registry endpoint: at most {@link #MAX_SMALL_BODY} bytes (else 413), then as {@link #tree}. */
    public static JsonNode small(byte[] body) {
        if (body != null && body.length > MAX_SMALL_BODY) {
            throw ProblemException.contentTooLarge("The body is larger than " + MAX_SMALL_BODY + " bytes; this endpoint takes a few short fields");
        }
        return tree(body);
    }

    public static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The body is empty; send JSON", null);
        }
        if (body.length > COUNTED_FROM && treeBytes(body) > MAX_TREE_BYTES) {
            throw ProblemException.contentTooLarge("The body holds too many JSON values to read at once (a tree over "
                    + (MAX_TREE_BYTES >> 20) + " MB); send it in parts");
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ProblemException.badRequest("The body holds more than " + MAX_TOKENS + " JSON values; send it in parts", null);
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

    /**
     * About what the body's tree would take in memory (Jackson's nodes, their strings, maps and lists), counted token by
     * token without building it; counting stops past the bound, or where the JSON is malformed (the parse then names it).
     */
    static long treeBytes(byte[] body) {
        long bytes = 0;
        try (JsonParser parser = FACTORY.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null && bytes <= MAX_TREE_BYTES; token = parser.nextToken()) {
                bytes += switch (token) {
                    case START_OBJECT -> 96;
                    case START_ARRAY -> 56;
                    case FIELD_NAME -> 40;
                    case VALUE_STRING -> 72;
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> 24;
                    default -> 8;
                };
            }
        } catch (IOException e) {
            // malformed or over a constraint: the parse that follows refuses it with its own words
        }
        return bytes;
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
                    if (n.get(i).isContainerNode() || n.get(i).isTextual()) { // only text is checked: numbers cost no entry
                        pending.push(new Pending(n.get(i), next, i));
                    }
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
