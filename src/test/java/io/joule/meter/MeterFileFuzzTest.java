package io.joule.meter;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Meter files in all three layouts, read as MeterImportService reads them (FastCSV, header, rows): every row is a
 * {@link MeterRow} or a {@link MeterFileFormat.BadRowException}; the CSV may be unreadable (CsvParseException, a 400).
 */
class MeterFileFuzzTest {
    @DictionaryEntries({",", "31/08/2018 00:45:00", "12/09/2018 5:30", "30/12/1899", "kWh", "1.5e3", "A"})
    @FuzzTest
    void meterFile(FuzzedDataProvider data) {
        MeterFileFormat layout = data.pickValue(MeterFileFormat.values());
        String header = String.join(",", MeterFileFormat.expectedHeaders().split("; ")[layout.ordinal()].split(": ", 2)[1]);
        byte[] rows = data.consumeRemainingAsBytes();
        byte[] file = new byte[header.length() + 1 + rows.length];
        System.arraycopy(header.getBytes(StandardCharsets.UTF_8), 0, file, 0, header.length());
        file[header.length()] = '\n';
        System.arraycopy(rows, 0, file, header.length() + 1, rows.length);
        read(file);
    }

    static void read(byte[] file) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().detectBomHeader(true).skipEmptyLines(true)
                .allowMissingFields(true).allowExtraFields(true).ofCsvRecord(new ByteArrayInputStream(file), StandardCharsets.UTF_8)) {
            Iterator<CsvRecord> records = csv.iterator();
            MeterFileFormat format = MeterFileFormat.byHeader(records.next().getFields()).orElseThrow();
            while (records.hasNext()) {
                try {
                    format.parse(records.next().getFields());
                } catch (MeterFileFormat.BadRowException e) {
                    // the declared refusal of one row
                }
            }
        } catch (CsvParseException e) {
            // unreadable CSV: the import answers 400
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
