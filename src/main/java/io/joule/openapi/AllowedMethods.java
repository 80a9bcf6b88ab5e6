package io.joule.openapi;

import io.vertx.core.http.impl.HttpUtils;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * The methods each documented path answers, for the Allow header that RFC 9110 requires on a 405 and RESTEasy Reactive
 * leaves out. The table is read from the OpenAPI document as it is built ({@link AllowedMethodsFilter}), so
 * it follows the resources without a list kept by hand.
 */
public final class AllowedMethods {
    /** A run of parameters, such as {@code {range: [^/]+}{slash: /?}}: one segment's worth, however many. */
    private static final Pattern PARAMETERS = Pattern.compile("(\\{[^}]*})+");
    private static final List<PathItem.HttpMethod> ORDER = List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private static volatile AllowedMethods current = new AllowedMethods(List.of());
    private static volatile Runnable buildFirst;

    private final List<Template> templates;

    /** A documented path as a pattern; the one with the most literal characters wins, as a literal segment beats a parameter. */
    record Template(Pattern pattern, int literals, String allow) {
    }

    private AllowedMethods(List<Template> templates) {
        this.templates = templates;
    }

    static void record(Map<String, PathItem> paths) {
        current = of(paths);
    }

    /**
     * The packaged app builds the document after the start (DeferredOpenApiDocumentService): until the build has ended
     * (and sets null here) a lookup runs, or waits for, {@code build}, rather than answer from an empty table (OPTIONS
     * /data was a 404 then).
     */
    public static void buildBeforeLookup(Runnable build) {
        buildFirst = build;
    }

    static AllowedMethods of(Map<String, PathItem> paths) {
        List<Template> out = new ArrayList<>();
        paths.forEach((path, item) -> {
            Set<PathItem.HttpMethod> methods = item.getOperations() == null || item.getOperations().isEmpty()
                    ? EnumSet.noneOf(PathItem.HttpMethod.class) : EnumSet.copyOf(item.getOperations().keySet());
            if (!methods.isEmpty()) {
                out.add(template(path, methods));
            }
        });
        out.sort(Comparator.comparingInt(Template::literals).reversed());
        return new AllowedMethods(List.copyOf(out));
    }

    /**
     * The Allow value of the request path (raw, as sent), or empty when no documented path matches it. The path is read
     * as routes read it: dot segments removed and unreserved characters decoded (a 405 for PUT /x/../data had no Allow).
     */
    public static Optional<String> forPath(String path) {
        Runnable build = buildFirst;
        if (build != null) {
            build.run();
        }
        return current.allowFor(HttpUtils.normalizePath(path));
    }

    /** The detail of a 405: the method refused and the ones the path answers. */
    public static String notAnswered(String method, String allow) {
        return "This path does not answer " + method + (allow == null ? "" : "; it answers " + allow);
    }

    Optional<String> allowFor(String path) {
        return templates.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst().map(Template::allow);
    }

    private static Template template(String path, Set<PathItem.HttpMethod> methods) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        int at = 0;
        Matcher parameter = PARAMETERS.matcher(trimmed);
        while (parameter.find()) {
            // possessive: a path that fails to match is not tried again at every split of a long segment
            regex.append(Pattern.quote(trimmed.substring(at, parameter.start()))).append("[^/]++");
            literals += parameter.start() - at;
            at = parameter.end();
        }
        regex.append(Pattern.quote(trimmed.substring(at))).append("/?");
        literals += trimmed.length() - at;
        if (methods.contains(PathItem.HttpMethod.GET)) {
            methods.add(PathItem.HttpMethod.HEAD);
        }
        StringJoiner allow = new StringJoiner(", ");
        ORDER.stream().filter(methods::contains).forEach(m -> allow.add(m.name()));
        allow.add("OPTIONS");
        return new Template(Pattern.compile(regex.toString()), literals, allow.toString());
    }
}
