package org.fthmc.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SiteLoopsTest {
    @Test
    void everyIndexIsVisitedExactlyOnce() {
        for (int threads : new int[] {1, 2, 3}) {
            try (SiteLoops loops = new SiteLoops(threads)) {
                for (int n : new int[] {0, 1, 255, 256, 257, 5000}) {
                    AtomicIntegerArray visits = new AtomicIntegerArray(n);
                    for (int repeat = 0; repeat < 50; repeat++) {
                        loops.forRange(n, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                visits.incrementAndGet(i);
                            }
                        });
                    }
                    for (int i = 0; i < n; i++) {
                        assertEquals(50, visits.get(i), "index " + i + " with " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void loopsOfDifferentSizesInQuickSuccessionEachRunTheirOwnBody() {
        // more threads than this machine has cores: workers wake late, and must never run a block of one loop
        // with another loop's body or size
        try (SiteLoops loops = new SiteLoops(6)) {
            int[] sizes = {5000, 600, 2900, 1000};
            AtomicIntegerArray[] visits = new AtomicIntegerArray[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                visits[k] = new AtomicIntegerArray(sizes[k]);
            }
            int repeats = 2000;
            for (int repeat = 0; repeat < repeats; repeat++) {
                for (int k = 0; k < sizes.length; k++) {
                    AtomicIntegerArray v = visits[k];
                    loops.forRange(sizes[k], (from, to) -> {
                        for (int i = from; i < to; i++) {
                            v.incrementAndGet(i);
                        }
                    });
                }
            }
            for (int k = 0; k < sizes.length; k++) {
                for (int i = 0; i < sizes[k]; i++) {
                    assertEquals(repeats, visits[k].get(i), "loop " + k + ", index " + i);
                }
            }
        }
    }

    @Test
    void sumsAreBitIdenticalForAnyThreadCount() {
        int n = 10_007;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i * 1.3) * Math.pow(10, i % 17 - 8);
        }
        SiteLoops.RangeSum body = (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += x[i];
            }
            return s;
        };
        double serial = SiteLoops.serial().sum(n, body);
        for (int threads = 2; threads <= 4; threads++) {
            try (SiteLoops loops = new SiteLoops(threads)) {
                for (int repeat = 0; repeat < 20; repeat++) {
                    assertEquals(Double.doubleToRawLongBits(serial), Double.doubleToRawLongBits(loops.sum(n, body)));
                }
            }
        }
    }

    @Test
    void failuresInABodyReachTheCaller() {
        try (SiteLoops loops = new SiteLoops(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loops.forRange(4096, (from, to) -> {
                if (from >= 2048) {
                    throw new IllegalStateException("boom");
                }
            }));
            assertEquals("boom", e.getMessage());
            // the loops still work afterwards
            assertEquals(4096.0, loops.sum(4096, (from, to) -> to - from));
        }
    }
}
