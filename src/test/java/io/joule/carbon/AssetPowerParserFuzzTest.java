package io.joule.carbon;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import java.io.ByteArrayInputStream;

/** POST /assets/power bodies: any bytes after the header are readings or a 400 (the header is kept half the time). */
class AssetPowerParserFuzzTest {
    @DictionaryEntries({",", "power", "2019-11-25 05:54:08.8640000", "asset-1", "-3e2"})
    @FuzzTest
    void power(byte[] body) {
        byte[] file = body.length > 0 && (body[0] & 1) == 1 ? withHeader(body) : body;
        Fuzz.refusesOnlyWith400(() -> AssetPowerParser.parse(new ByteArrayInputStream(file)));
    }

    private static byte[] withHeader(byte[] body) {
        byte[] header = "Time,Variable,AssetId,Value\n".getBytes();
        byte[] file = new byte[header.length + body.length - 1];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(body, 1, file, header.length, body.length - 1);
        return file;
    }
}
