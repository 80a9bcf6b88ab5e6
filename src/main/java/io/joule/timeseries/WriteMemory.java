package io.joule.timeseries;

import io.joule.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the writes in progress may hold in memory together: stored readings read back and slots computed, counted as
 * items. The limits per write bound one write; this bounds all of them, so concurrent writes among dense history answer
 * 503 with Retry-After where they ran the heap out (four one-reading writes beside 490,000 stored readings each did, at
 * {@code -Xmx192m}). Half the heap is theirs.
 */
@ApplicationScoped
public class WriteMemory {
    /** About what an item costs while it is held: a slot with its bound arrays, a stored reading with its merged copy. */
    static final long BYTES_PER_ITEM = 160;
    static final long RETRY_AFTER_SECONDS = 1;
    static final long LARGE_SHARE = 16;

    private final long capacity;
    private final AtomicLong free;
    /**
     * Held by the one write that may take more than a sixteenth of the capacity (a batch of 5,000 readings takes about
     * 2,000 items; 100,000 hourly ones, 400,000): two such writes would each take part and both run out, again and again;
     * with this, the second is refused at once, gives back what it took, and the first goes on.
     */
    private final AtomicBoolean large = new AtomicBoolean();

    public WriteMemory() {
        this(Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_ITEM);
    }

    /** With another capacity, in items (tests reach the bounds with a few readings). */
    public WriteMemory(long capacity) {
        this.capacity = capacity;
        this.free = new AtomicLong(capacity);
    }

    /** A write's share, taken as it reads and computes, given back by {@link Lease#close()} when the write ends. */
    public Lease lease() {
        return new Lease();
    }

    /** The items no write holds now. */
    public long free() {
        return free.get();
    }

    /** One write's items. Used by one write's chain at a time, so its own count needs no synchronization. */
    public final class Lease implements AutoCloseable {
        private long held;
        private boolean holdsLarge;
        private boolean closed;

        /** Takes the items, or refuses the write: 413 if it alone would hold more than the capacity, else 503. */
        public void take(long items) {
            if (closed) {
                // the write ended (a cancellation, say) while a read still ran: what it took now would never be given back
                throw busy();
            }
            if (held + items > capacity) {
                throw ProblemException.contentTooLarge(String.format(Locale.ROOT, "This write would hold more than %,d readings and slots "
                        + "in memory at once; send it in parts spanning less time", capacity));
            }
            if (!holdsLarge && held + items > capacity / LARGE_SHARE) {
                if (!large.compareAndSet(false, true)) {
                    throw refuse();
                }
                holdsLarge = true;
            }
            long available;
            do {
                available = free.get();
                if (available < items) {
                    throw refuse();
                }
            } while (!free.compareAndSet(available, available - items));
            held += items;
        }

        /** Gives back what the lease holds now, not when its write ends, so a large write beside it can go on. */
        private ProblemException refuse() {
            giveBack();
            return busy();
        }

        @Override
        public void close() {
            closed = true;
            giveBack();
        }

        private void giveBack() {
            free.addAndGet(held);
            held = 0;
            if (holdsLarge) {
                holdsLarge = false;
                large.set(false);
            }
        }
    }

    private static ProblemException busy() {
        return ProblemException.unavailable("Concurrent writes hold as many readings and slots in memory as this instance allows; "
                + "retry shortly", RETRY_AFTER_SECONDS);
    }
}
