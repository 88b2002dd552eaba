package org.sealedbox.runtime.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
    @Test
    void runsEveryPartOnceTheFirstOnTheCallingThread() {
        AtomicIntegerArray ran = new AtomicIntegerArray(5);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Thread[] first = new Thread[1];
        Workers.run(5, i -> {
            ran.incrementAndGet(i);
            threads.add(Thread.currentThread());
            if (i == 0) first[0] = Thread.currentThread();
        });
        for (int i = 0; i < 5; i++) assertEquals(1, ran.get(i), "part " + i);
        assertEquals(Thread.currentThread(), first[0]);
    }

    @Test
    void writesOfThePartsAreSeenWhenItReturns() {
        int[] out = new int[1000];
        Workers.run(4, part -> {
            for (int i = part * 250; i < (part + 1) * 250; i++) out[i] = i * 3;
        });
        int[] expected = new int[1000];
        for (int i = 0; i < 1000; i++) expected[i] = i * 3;
        assertArrayEquals(expected, out);
    }

    @Test
    void anExceptionOfAPartIsThrownAfterAllHaveEnded() {
        AtomicIntegerArray ran = new AtomicIntegerArray(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workers.run(3, i -> {
            ran.incrementAndGet(i);
            if (i == 2) throw new IllegalStateException("part 2 failed");
        }));
        assertEquals("part 2 failed", e.getMessage());
        for (int i = 0; i < 3; i++) assertEquals(1, ran.get(i));
    }

    @Test
    void noPartsRunsNothingAndTheCountIsAtLeastOne() {
        Workers.run(0, i -> { throw new AssertionError("ran"); });
        int before = Workers.count();
        try {
            Workers.setCount(3);
            assertEquals(3, Workers.count());
            assertThrows(IllegalArgumentException.class, () -> Workers.setCount(0));
        } finally {
            Workers.setCount(before);
        }
    }
}
