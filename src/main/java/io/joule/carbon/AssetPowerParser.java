package io.joule.carbon;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.joule.csv.CsvNumbers;
import io.joule.text.ClientText;
import io.joule.time.Timestamps;
import io.joule.pipeline.Reading;
import io.joule.csv.UnreadableCsv;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads asset power CSV {@code Time,Variable,AssetId,Value}: UTC times, signed kW, rows in any order. */
public final class AssetPowerParser {
    static final List<String> HEADER = List.of("Time", "Variable", "AssetId", "Value");
    static final int MAX_ROWS = 1_000_000;
    private static final Pattern ASSET = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private AssetPowerParser() {
    }

    /** kW readings per asset, sorted by time; any bad row refuses the file with its line number. */
    public static Map<String, List<Reading>> parse(InputStream body) {
        List<ProblemError> errors = new ArrayList<>();
        Map<String, TreeMap<Instant, Row>> byAsset = new TreeMap<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().detectBomHeader(true).skipEmptyLines(true)
                .allowMissingFields(true).allowExtraFields(true).ofCsvRecord(ClientText.strictUtf8(body))) {
            var records = csv.iterator();
            if (!records.hasNext() || !records.next().getFields().stream().map(String::trim).toList().equals(HEADER)) {
                throw ProblemException.badRequest("Expected the header Time,Variable,AssetId,Value",
                        List.of(ProblemError.line(1, "not the header Time,Variable,AssetId,Value")));
            }
            int rows = 0;
            while (records.hasNext() && errors.size() < 100) {
                CsvRecord record = records.next();
                long line = record.getStartingLineNumber();
                if (++rows > MAX_ROWS) {
                    errors.add(ProblemError.line((int) line, "more than " + MAX_ROWS + " rows"));
                    break;
                }
                String problem = row(record.getFields(), line, byAsset);
                if (problem != null) {
                    errors.add(ProblemError.line((int) line, problem));
                }
            }
        } catch (CsvParseException e) {
            errors.add(UnreadableCsv.error(e));
        } catch (IOException | UncheckedIOException e) {
            throw ClientText.unreadable(e);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The file has bad rows; nothing was stored", errors);
        }
        if (byAsset.isEmpty()) {
            throw ProblemException.badRequest("The file has no rows", null);
        }
        Map<String, List<Reading>> out = new TreeMap<>();
        byAsset.forEach((asset, values) -> {
            List<Reading> readings = new ArrayList<>(values.size());
            values.forEach((t, v) -> readings.add(new Reading(t, v.kw())));
            out.put(asset, readings);
        });
        return out;
    }

    /** A row's value and line, kept until the file is read: a repeated asset and time names the first line. */
    private record Row(double kw, long line) {
    }

    private static String row(List<String> fields, long line, Map<String, TreeMap<Instant, Row>> byAsset) {
        if (fields.size() != 4) {
            return "has " + fields.size() + " fields; expected Time,Variable,AssetId,Value";
        }
        for (int i = 0; i < fields.size(); i++) {
            String problem = ClientText.problem(fields.get(i), 256);
            if (problem != null) {
                return HEADER.get(i) + " " + problem;
            }
        }
        if (!fields.get(1).trim().equals("power")) {
            return "Variable '" + fields.get(1).trim() + "' is not power";
        }
        String asset = fields.get(2).trim();
        if (!ASSET.matcher(asset).matches()) {
            return "AssetId '" + asset + "' must be 1 to 64 of A-Z, a-z, 0-9, _, . and -";
        }
        if (asset.equals(".") || asset.equals("..")) {
            // a URL normalizes the segment away, so GET /assets/{id}/footprint could never name it
            return "AssetId '" + asset + "' cannot be a path segment; use another id";
        }
        Instant time;
        try {
            time = time(fields.get(0).trim()).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            return "Time '" + fields.get(0).trim() + "' is not like 2019-11-25 05:54:08.8640000 (UTC)";
        }
        if (!Timestamps.supported(time)) {
            return "Time '" + fields.get(0).trim() + "' is outside the supported range, " + Timestamps.RANGE;
        }
        String number = fields.get(3).trim();
        var kw = CsvNumbers.parse(number, 1e9);
        if (kw.isEmpty()) {
            return "Value '" + number + "' is not a number of kW";
        }
        Row first = byAsset.computeIfAbsent(asset, k -> new TreeMap<>()).putIfAbsent(time, new Row(kw.getAsDouble(), line));
        if (first != null) {
            return "repeats the asset and time of line " + first.line();
        }
        return null;
    }

    /**
     * The time of a row: the common {@code 2019-11-25 05:54:08[.fraction]} read digit by digit, anything else (or an
     * impossible date in that shape) by the formatter, which accepts and refuses exactly as before. The formatter took
     * most of a row's time.
     */
    static LocalDateTime time(String text) {
        int n = text.length();
        if (n >= 19 && n <= 29 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == ' ' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && (n == 19 || n > 20 && text.charAt(19) == '.')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int fraction = n == 19 ? 0 : digits(text, 20, n);
            if ((year | month | day | hour | minute | second | fraction) >= 0) {
                int nanos = fraction;
                for (int i = n; i < 29 && n > 19; i++) {
                    nanos *= 10;
                }
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
                } catch (DateTimeException e) {
                    // the formatter below refuses it too
                }
            }
        }
        return LocalDateTime.parse(text, TIME);
    }

    /** The ASCII digits in [from, to) as a number, or -1. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
