package io.joule.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an answer as RFC 4180 CSV in UTF-8 (the server names the charset: {@code text/csv;charset=UTF-8})
 * when the client asked for text/csv: a header row of the
 * JSON field names (with a unit suffix where the JSON leaves the unit implicit), then one record per
 * row, CRLF-terminated and quoted only where a field needs it. Values read as in the JSON: ISO-8601
 * instants and dates, Java's double text; null is an empty field. A subclass names the answer type it
 * writes and its columns; JAX-RS content negotiation picks it.
 */
public abstract class CsvBodyWriter<T> implements MessageBodyWriter<T> {
    public static final String TEXT_CSV = "text/csv";
    public static final MediaType TEXT_CSV_TYPE = MediaType.valueOf(TEXT_CSV);

    private final Class<?> type;
    private final Class<?> elementType;

    /** Writes answers of exactly {@code type}. */
    protected CsvBodyWriter(Class<?> type) {
        this(type, null);
    }

    /** Writes answers of {@code List<elementType>}. */
    protected CsvBodyWriter(Class<?> listType, Class<?> elementType) {
        this.type = listType;
        this.elementType = elementType;
    }

    /** Writes the header and then the rows of {@code answer}. */
    protected abstract void write(T answer, Rows csv) throws IOException;

    @Override
    public boolean isWriteable(Class<?> actual, Type genericType, Annotation[] annotations, MediaType mediaType) {
        if (!mediaType.isCompatible(TEXT_CSV_TYPE) || !type.isAssignableFrom(actual)) {
            return false;
        }
        return elementType == null || unwrapped(genericType) instanceof ParameterizedType p
                && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == elementType;
    }

    /**
     * The declared answer type without what wraps it: RESTEasy Reactive hands a writer the method's
     * generic return type as declared, {@code Uni<List<X>>}, not the {@code List<X>} it writes.
     */
    static Type unwrapped(Type type) {
        while (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && !List.class.isAssignableFrom(raw)
                && p.getActualTypeArguments().length == 1) {
            type = p.getActualTypeArguments()[0];
        }
        return type;
    }

    @Override
    public void writeTo(T answer, Class<?> actual, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out, StandardCharsets.UTF_8);
        write(answer, new Rows(csv));
        // flush, not close: the output stream belongs to the server
        csv.flush();
    }

    /** The CSV being written. */
    public static final class Rows {
        private final CsvWriter csv;

        Rows(CsvWriter csv) {
            this.csv = csv;
        }

        public void header(String... names) {
            csv.writeRecord(names);
        }

        public void header(List<String> names) {
            csv.writeRecord(names);
        }

        /** One record: each value as its text, null as an empty field. */
        public void row(Object... values) {
            String[] fields = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                fields[i] = values[i] == null ? "" : values[i].toString();
            }
            csv.writeRecord(fields);
        }
    }
}
