package io.joule.jdbc;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a table with {@code COPY … FROM STDIN (FORMAT binary)}: the fastest way into PostgreSQL, and
 * the server parses no text. Rows are encoded into one buffer that is sent whenever it fills, so memory stays
 * constant; the connection can run nothing else until {@link #end()} or {@link #cancel()}. Fixed-width types only.
 */
public final class BinaryCopy implements AutoCloseable {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int BUFFER = 256 * 1024;
    /** The most a row of fixed-width fields takes: its field count, and per field a length and at most 8 bytes. */
    private static final int MAX_FIELD = 4 + 8;
    /** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    /** And dates in days from 2000-01-01. */
    private static final long POSTGRES_EPOCH_DAY = 10_957L;

    private final CopyIn copy;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);

    private BinaryCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts {@code COPY table (columns) FROM STDIN (FORMAT binary)}; {@code table} and {@code columns} are code, never input. */
    public static BinaryCopy into(Connection db, String table, String columns) throws SQLException {
        BinaryCopy writer = new BinaryCopy(db.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin (format binary)"));
        writer.buffer.put(SIGNATURE).putInt(0).putInt(0); // no OIDs, no header extension
        return writer;
    }

    /** Starts a row of {@code fields} values, each written next with one of the typed methods. */
    public BinaryCopy row(int fields) throws SQLException {
        if (buffer.remaining() < 2 + fields * MAX_FIELD) {
            send();
        }
        buffer.putShort((short) fields);
        return this;
    }

    public BinaryCopy int8(long value) {
        buffer.putInt(8).putLong(value);
        return this;
    }

    public BinaryCopy int4(int value) {
        buffer.putInt(4).putInt(value);
        return this;
    }

    public BinaryCopy float8(double value) {
        buffer.putInt(8).putDouble(value);
        return this;
    }

    /** A date. */
    public BinaryCopy date(LocalDate value) {
        return int4(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
    }

    /** A timestamptz, at microsecond precision (PostgreSQL keeps no finer digits). */
    public BinaryCopy timestamptz(Instant value) {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                value.getNano() / 1_000);
        return int8(micros);
    }

    /** Ends the COPY: the rows are in the table (in the transaction); answers how many. */
    public long end() throws SQLException {
        if (buffer.remaining() < 2) {
            send();
        }
        buffer.putShort((short) -1); // trailer
        send();
        return copy.endCopy();
    }

    /** Abandons the COPY so the connection can roll back. Harmless after {@link #end()}. */
    public void cancel() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the connection failed: the pool discards it, and the transaction is gone with it
            }
        }
    }

    @Override
    public void close() {
        cancel();
    }

    private void send() throws SQLException {
        copy.writeToCopy(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
