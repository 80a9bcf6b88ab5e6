package io.joule.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AssetPowerParserTest {

    @Test
    void bytesThatAreNotUtf8RefuseTheFileInsteadOfBecomingReplacementCharacters() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("Time,Variable,AssetId,Value\n2019-11-25 05:54:08.864,power,abc".getBytes(StandardCharsets.UTF_8));
        file.write(0xFF);
        file.writeBytes(",1557.9\n".getBytes(StandardCharsets.UTF_8));
        ProblemException e = assertThrows(ProblemException.class, () -> AssetPowerParser.parse(new ByteArrayInputStream(file.toByteArray())));
        assertEquals(400, e.status());
        assertEquals("The file holds bytes that are not UTF-8; send it as UTF-8 text. Nothing was stored", e.getMessage());
    }

    /** The digit-by-digit read of the common time form answers as the formatter does, and refuses what it refuses. */
    @Test
    void timesAreReadAsTheFormatterReadsThem() {
        assertEquals(LocalDateTime.of(2019, 11, 25, 5, 54, 8, 864_000_000), AssetPowerParser.time("2019-11-25 05:54:08.8640000"));
        assertEquals(LocalDateTime.of(2019, 11, 25, 5, 54, 8, 123_456_789), AssetPowerParser.time("2019-11-25 05:54:08.123456789"));
        assertEquals(LocalDateTime.of(2019, 11, 25, 5, 54, 8), AssetPowerParser.time("2019-11-25 05:54:08"));
        assertEquals(LocalDateTime.of(2020, 2, 29, 23, 59, 59, 100_000_000), AssetPowerParser.time("2020-02-29 23:59:59.1"));
        for (String bad : new String[] {"2019-02-29 00:00:00", "2019-11-25 24:00:00", "2019-11-25 05:54:08.", "2019-13-01 00:00:00",
                "2019-11-25 05:54:08.1234567890", "2019-11-25T05:54:08", "2019-11-25 5:54:08", "2019-11-25 05:54:60", "٢٠١٩-11-25 05:54:08",
                "2019-11-25 05:54:08.12a", "+2019-11-25 05:54:08"}) {
            assertThrows(DateTimeException.class, () -> AssetPowerParser.time(bad), bad);
        }
        DateTimeFormatter formatter = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss").optionalStart()
                .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter().withResolverStyle(ResolverStyle.STRICT);
        Random random = new Random(20261207);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61));
            if (random.nextBoolean()) {
                text += "." + Long.toString(Math.abs(random.nextLong())).substring(0, 1 + random.nextInt(9));
            }
            String sample = text;
            LocalDateTime expected;
            try {
                expected = LocalDateTime.parse(sample, formatter);
            } catch (DateTimeException e) {
                assertThrows(DateTimeException.class, () -> AssetPowerParser.time(sample), sample);
                continue;
            }
            assertEquals(expected, AssetPowerParser.time(sample), sample);
        }
    }

    @Test
    void utf8TextIsRead() {
        var parsed = AssetPowerParser.parse(new ByteArrayInputStream(
                "\uFEFFTime,Variable,AssetId,Value\n2019-11-25 05:54:08.864,power,abc,1557.9\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1557.9, parsed.get("abc").get(0).value());
    }

    @Test
    void anAssetIdThatAUrlWouldNormalizeAwayIsABadRow() {
        // stored, its footprint could never be read: /assets/../footprint is /footprint
        ProblemException e = assertThrows(ProblemException.class, () -> AssetPowerParser.parse(new ByteArrayInputStream(
                "Time,Variable,AssetId,Value\n2019-11-25 05:54:08,power,..,1\n2019-11-25 05:54:09,power,.,1\n2019-11-25 05:54:10,power,.a.,1\n"
                        .getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of("AssetId '..' cannot be a path segment; use another id", "AssetId '.' cannot be a path segment; use another id"),
                e.errors().stream().map(ProblemError::detail).toList());
    }
}
