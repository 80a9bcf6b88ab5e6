package io.joule.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which parser failures are the client's: RESTEasy's multipart parser reports them as plain runtime exceptions. */
class MultipartFailuresTest {

    @Test
    void aBase64DecodingFailureInsideTheMultipartParserIsTheClients() {
        IllegalArgumentException e = new IllegalArgumentException("Last unit does not have enough valid bits");
        e.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("java.util.Base64$Decoder", "decode0", "Base64.java", 868),
                new StackTraceElement("org.jboss.resteasy.reactive.server.core.multipart.MultipartParser$Base64Encoding", "handle",
                        "MultipartParser.java", 364)});
        assertTrue(ProblemMappers.fromMultipartBase64(e));
        IllegalArgumentException elsewhere = new IllegalArgumentException("Last unit does not have enough valid bits");
        elsewhere.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.util.Base64$Decoder", "decode0", "Base64.java", 868),
                new StackTraceElement("io.joule.Something", "run", "Something.java", 1)});
        assertFalse(ProblemMappers.fromMultipartBase64(elsewhere), "a decoding failure of ours stays a 500");
    }
}
