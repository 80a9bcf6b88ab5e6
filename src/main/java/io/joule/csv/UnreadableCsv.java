package io.joule.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import io.joule.problem.ProblemError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A file FastCSV could not read, as an error naming its line: FastCSV says the line only in its message. */
public final class UnreadableCsv {
    private static final Pattern STARTED_IN_LINE = Pattern.compile("started in line (\\d{1,9})");

    private UnreadableCsv() {
    }

    /** The error at the line of the record FastCSV was reading (0 when it does not say), with the reason it gives. */
    public static ProblemError error(CsvParseException e) {
        Matcher line = STARTED_IN_LINE.matcher(String.valueOf(e.getMessage()));
        String cause = e.getCause() == null || e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage();
        return ProblemError.line(line.find() ? Integer.parseInt(line.group(1)) : 0, "unreadable CSV: " + e.getMessage() + cause);
    }
}
