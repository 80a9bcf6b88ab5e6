package io.joule.csv;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A CSV answer is a download: it gets a Content-Disposition naming a file after what was asked,
 * e.g. {@code ships-7-daily.csv} or {@code data-7.csv}, so a browser saves it under a useful name.
 */
public class CsvAttachment {
    static final int MAX_NAME = 120;

    @ServerResponseFilter
    public void name(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (response.getStatus() == 200 && type != null && type.isCompatible(CsvBodyWriter.TEXT_CSV_TYPE)) {
            response.getHeaders().putSingle("Content-Disposition", "attachment; filename=\"" + filename(request.getUriInfo()) + "\"");
        }
    }

    /** Path segments, then the ship and date asked for, joined by '-'; only A-Z a-z 0-9 . _ - so it needs no escaping. */
    static String filename(UriInfo uri) {
        List<String> parts = new ArrayList<>();
        for (PathSegment segment : uri.getPathSegments()) {
            if (!segment.getPath().isEmpty()) {
                parts.add(segment.getPath());
            }
        }
        for (String identifying : List.of("spaceship_id", "date")) {
            String value = uri.getQueryParameters().getFirst(identifying);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        String name = String.join("-", parts).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return (name.isEmpty() ? "export" : name) + ".csv";
    }
}
