package io.joule.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/** Reads the documented paths and their methods into {@link AllowedMethods} when the document is built. */
@OpenApiFilter(value = OpenApiFilter.RunStage.RUNTIME_STARTUP, documentNames = OpenApiFilter.DEFAULT_DOCUMENT_NAME)
public class AllowedMethodsFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            AllowedMethods.record(openAPI.getPaths().getPathItems());
        }
    }
}
