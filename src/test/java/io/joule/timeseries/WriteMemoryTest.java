package io.joule.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.problem.ProblemException;
import org.junit.jupiter.api.Test;

class WriteMemoryTest {

    @Test
    void smallWritesShareTheCapacityAndGiveItBack() {
        WriteMemory memory = new WriteMemory(160);
        WriteMemory.Lease a = memory.lease();
        WriteMemory.Lease b = memory.lease();
        a.take(6);
        b.take(10);
        assertEquals(144, memory.free());
        a.close();
        b.close();
        assertEquals(160, memory.free());
    }

    @Test
    void onlyOneWriteMayHoldMoreThanASixteenthSoTwoLargeOnesDoNotBothRunOut() {
        WriteMemory memory = new WriteMemory(160);
        WriteMemory.Lease first = memory.lease();
        WriteMemory.Lease second = memory.lease();
        first.take(8);
        second.take(8);
        first.take(10);
        assertEquals(503, assertThrows(ProblemException.class, () -> second.take(10)).status(), "free memory, but the first is large");
        assertEquals(142, memory.free(), "the refused write gave back its 8 at once");
        first.take(140);
        assertEquals(2, memory.free());
        first.close();
        second.take(150);
        assertEquals(10, memory.free(), "large again once the first gave it up");
    }

    @Test
    void aWriteOverTheWholeCapacityIs413AndOverWhatIsFree503() {
        WriteMemory memory = new WriteMemory(100);
        assertEquals(413, assertThrows(ProblemException.class, () -> memory.lease().take(101)).status());
        WriteMemory.Lease large = memory.lease();
        large.take(90);
        ProblemException busy = assertThrows(ProblemException.class, () -> memory.lease().take(20));
        assertEquals(503, busy.status());
        assertEquals(1L, busy.retryAfterSeconds());
        assertEquals(10, memory.free(), "the refused lease held nothing");
    }

    @Test
    void aLeaseTakesNothingOnceClosed() {
        WriteMemory memory = new WriteMemory(100);
        WriteMemory.Lease lease = memory.lease();
        lease.take(3);
        lease.close();
        // a read still running after its write ended (cancelled) would otherwise take items nobody gives back
        assertEquals(503, assertThrows(ProblemException.class, () -> lease.take(1)).status());
        assertEquals(100, memory.free());
    }
}
