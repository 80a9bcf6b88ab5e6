package io.joule.rest;

import io.joule.csv.CsvBodyWriter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Names the answer's type as it is written: JSON and CSV are always UTF-8. RESTEasy Reactive copies the parameters of
 * the Accept range it matched into Content-Type, so {@code Accept: text/csv;charset=ISO-8859-1} labelled a UTF-8 body
 * ISO-8859-1, and {@code ;q=0.5} showed up in the answer's type.
 */
public class AnswerMediaType {
    static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";
    static final String CSV = CsvBodyWriter.TEXT_CSV + ";charset=UTF-8";

    @ServerResponseFilter
    public void name(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || type.getParameters().size() == 1 && "UTF-8".equalsIgnoreCase(type.getParameters().get("charset"))) {
            return;
        }
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, JSON);
        } else if (type.isCompatible(CsvBodyWriter.TEXT_CSV_TYPE)) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, CSV);
        }
    }
}
