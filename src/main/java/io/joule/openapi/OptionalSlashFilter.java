package io.joule.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * A JAX-RS template such as {@code {range: [^/]+}{slash: /?}} accepts an optional trailing slash
 * but shows in the document as a path parameter {@code {slash}} that no client can fill. The
 * document shows the original's form, with the slash, and without that parameter.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OptionalSlashFilter implements OASFilter {
    static final String SLASH = "{slash}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> entry : List.copyOf(paths.getPathItems().entrySet())) {
            if (!entry.getKey().endsWith(SLASH)) {
                continue;
            }
            PathItem item = entry.getValue();
            item.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().stream().filter(p -> "slash".equals(p.getName())).toList().forEach(operation::removeParameter);
                }
            });
            paths.removePathItem(entry.getKey());
            paths.addPathItem(entry.getKey().substring(0, entry.getKey().length() - SLASH.length()) + "/", item);
        }
    }
}
