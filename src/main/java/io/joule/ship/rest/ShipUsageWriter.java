package io.joule.ship.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.ship.ShipUsage;
import io.joule.time.Timestamps;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes GET /data's JSON answer with Jackson's streaming generator: the same JSON the object mapper
 * would write (snake_case names, ISO-8601 instants, Jackson's own double formatting), without
 * its reflective bean serialization for every one of the slots.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class ShipUsageWriter implements MessageBodyWriter<ShipUsage> {
    private final ObjectMapper mapper;

    public ShipUsageWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == ShipUsage.class;
    }

    @Override
    public void writeTo(ShipUsage usage, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        // No flush into the server's stream: a flush sends what is buffered as a chunk, so even a small page went out
        // chunked in two writes; unflushed, a page that fits the output buffer goes out in one, with its Content-Length.
        try (JsonGenerator json = mapper.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)) {
            json.writeStartObject();
            json.writeNumberField("spaceship_id", usage.spaceshipId());
            json.writeStringField("units", usage.units());
            json.writeArrayFieldStart("data");
            char[] datetime = new char[Timestamps.SHOWN_LENGTH];
            for (ShipUsage.Point point : usage.data()) {
                json.writeStartObject();
                json.writeFieldName("datetime");
                if (Timestamps.show(point.datetime(), datetime)) {
                    json.writeString(datetime, 0, Timestamps.SHOWN_LENGTH);
                } else {
                    json.writeString(point.datetime().toString());
                }
                json.writeNumberField("value", point.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("next", usage.next());
            json.writeEndObject();
        }
    }
}
