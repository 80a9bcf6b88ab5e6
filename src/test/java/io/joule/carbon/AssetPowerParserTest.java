package io.joule.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void utf8TextIsRead() {
        var parsed = AssetPowerParser.parse(new ByteArrayInputStream(
                "\uFEFFTime,Variable,AssetId,Value\n2019-11-25 05:54:08.864,power,abc,1557.9\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1557.9, parsed.get("abc").get(0).value());
    }
}
