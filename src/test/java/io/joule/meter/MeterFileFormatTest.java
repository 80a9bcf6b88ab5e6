package io.joule.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeterFileFormatTest {

    static List<String> fields(String line) {
        return Arrays.asList(line.split(",", -1));
    }

    @Test
    void layoutsAreRecognisedByTheirHeaderNotTheirFileName() {
        assertEquals(Optional.of(MeterFileFormat.LP),
                MeterFileFormat.byHeader(fields("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status")));
        assertEquals(Optional.of(MeterFileFormat.TOU_2018),
                MeterFileFormat.byHeader(fields("MeterCode, Serial,PlantCode,DateTime,Quality,Stream,DataType,Energy,Units ")));
        assertEquals(Optional.empty(), MeterFileFormat.byHeader(fields("MeterCode,Serial,PlantCode,DateTime,Energy,Units")));
    }

    @Test
    void anLpRowBecomesAChannelReading() throws Exception {
        MeterRow row = MeterFileFormat.LP.parse(fields("210095893,210095893,ED031000001,31/08/2015 00:45:00,Import Wh Total,0.250000,kwh,"));
        assertEquals(new ChannelKey("210095893", "210095893", "Import Wh Total", null, null), row.channel());
        assertEquals(LocalDateTime.of(2015, 8, 31, 0, 45), row.localTime());
        assertEquals(0.25, row.value());
        assertEquals("ED031000001", row.plantCode());
        assertEquals("kwh", row.units());
        assertEquals("210095893|210095893|Import Wh Total", row.channel().seriesKey());
    }

    @Test
    void aTou2015RowIsAChannelPerPeriodAndRate() throws Exception {
        MeterRow row = MeterFileFormat.TOU_2015.parse(fields("214667141,214667141,ED071500133,01/09/2015 04:00:13,Export Wh Total,"
                + "0.004000,0.004000,01/09/2015 00:30:00,kwh,.....R....,Current,False,2,01/09/2015 00:00:00,Rate 1"));
        assertEquals("214667141|214667141|Export Wh Total|Current|Rate 1", row.channel().seriesKey());
        assertEquals(0.004, row.value());
    }

    @Test
    void aTou2018RowHasShortTimes() throws Exception {
        MeterRow row = MeterFileFormat.TOU_2018.parse(fields("212621147,212621147,ED011300245,12/09/2018 5:30,A,B1,Import Wh Total,133.6,kwh"));
        assertEquals(LocalDateTime.of(2018, 9, 12, 5, 30), row.localTime());
        assertTrue(MeterFileFormat.TOU_2018.intervalData());
        assertTrue(!MeterFileFormat.TOU_2015.intervalData());
    }

    /** The fast path takes only what the formatter takes, with the same value; everything else is left to the formatter. */
    @Test
    void quickTimesAgreeWithTheFormatter() {
        java.util.Random random = new java.util.Random(42);
        String[] pieces = {"0", "1", "2", "9", "00", "01", "12", "13", "23", "24", "29", "30", "31", "32", "59", "60", "99",
                "2015", "2016", "1900", "0000", "9999", "20155", "+2015", "", "a", " ", "/", ":", "1.", "٣"};
        int accepted = 0;
        for (MeterFileFormat format : MeterFileFormat.values()) {
            java.time.format.DateTimeFormatter formatter = java.time.format.DateTimeFormatter.ofPattern(
                    format == MeterFileFormat.TOU_2018 ? "d/MM/uuuu H:mm" : "dd/MM/uuuu HH:mm:ss")
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT);
            for (int i = 0; i < 200_000; i++) {
                String text;
                if (i % 2 == 0) { // well-formed shapes with random, often impossible, numbers
                    text = pieces[random.nextInt(17)] + "/" + pieces[4 + random.nextInt(13)] + "/" + pieces[17 + random.nextInt(6)] + " "
                            + pieces[random.nextInt(17)] + ":" + pieces[4 + random.nextInt(13)]
                            + (format == MeterFileFormat.TOU_2018 && i % 4 == 0 ? "" : ":" + pieces[4 + random.nextInt(13)]);
                } else { // anything made of the pieces
                    StringBuilder b = new StringBuilder();
                    for (int k = random.nextInt(12); k > 0; k--) {
                        b.append(pieces[random.nextInt(pieces.length)]);
                    }
                    text = b.toString();
                }
                LocalDateTime quick = format.quickTime(text);
                if (quick != null) {
                    accepted++;
                    assertEquals(LocalDateTime.parse(text, formatter), quick, text);
                }
            }
        }
        assertTrue(accepted > 2_000, "the fast path took " + accepted);
        assertEquals(LocalDateTime.of(2015, 8, 31, 0, 45), MeterFileFormat.LP.quickTime("31/08/2015 00:45:00"));
        assertEquals(LocalDateTime.of(2018, 9, 2, 5, 30), MeterFileFormat.TOU_2018.quickTime("2/09/2018 5:30"));
        assertEquals(LocalDateTime.of(2018, 9, 12, 15, 30), MeterFileFormat.TOU_2018.quickTime("12/09/2018 15:30"));
        assertEquals(null, MeterFileFormat.LP.quickTime("31/02/2015 00:45:00")); // the formatter refuses it, with its message
        assertEquals(null, MeterFileFormat.LP.quickTime("1/08/2015 00:45:00"));
        assertEquals(null, MeterFileFormat.TOU_2018.quickTime("12/09/2018 5:30:00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "impossible date   ; 210095893,210095893,ED1,31/02/2015 00:45:00,Import Wh Total,0.25,kwh, ; is not a date and time",
        "empty 1899 date   ; 210095893,210095893,ED1,30/12/1899 00:00:00,Import Wh Total,0.25,kwh, ; is empty",
        "not a number      ; 210095893,210095893,ED1,31/08/2015 00:45:00,Import Wh Total,0,25,kwh, ; has 9 fields",
        "text value        ; 210095893,210095893,ED1,31/08/2015 00:45:00,Import Wh Total,NaN,kwh, ; is not a number",
        "hex value         ; 210095893,210095893,ED1,31/08/2015 00:45:00,Import Wh Total,0x10,kwh, ; is not a number",
        "huge value        ; 210095893,210095893,ED1,31/08/2015 00:45:00,Import Wh Total,1e13,kwh, ; out of range",
        "missing meter     ; ,210095893,ED1,31/08/2015 00:45:00,Import Wh Total,0.25,kwh, ; MeterPoint Code is empty",
        "pipe in type      ; 210095893,210095893,ED1,31/08/2015 00:45:00,Import|Wh,0.25,kwh, ; characters without",
        "missing units     ; 210095893,210095893,ED1,31/08/2015 00:45:00,Import Wh Total,0.25,, ; Units is empty",
    })
    void badRowsSayWhy(String name, String line, String reason) {
        var e = assertThrows(MeterFileFormat.BadRowException.class, () -> MeterFileFormat.LP.parse(fields(line)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
