package io.joule.meter.service;

import io.joule.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body copied to a temporary file before any database work starts, so a slow or stalled client holds a
 * worker thread for at most the read timeout and never a database connection. The copy stops at the size limit.
 */
public final class UploadSpool implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    private final Path file;

    private UploadSpool(Path file) {
        this.file = file;
    }

    public static UploadSpool of(InputStream body, long limit) {
        Path file;
        try {
            file = Files.createTempFile("joule-upload-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UploadSpool spool = new UploadSpool(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw ProblemException.contentTooLarge("The file is larger than the limit of " + limit + " bytes (JOULE_MAX_FILE_SIZE)");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            spool.close();
            throw ProblemException.badRequest("The upload was not received whole: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    public Path path() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is removed with the JVM's temp directory; nothing to tell the client
        }
    }
}
