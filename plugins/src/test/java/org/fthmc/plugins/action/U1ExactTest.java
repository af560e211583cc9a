package org.fthmc.plugins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The exact 2D U(1) formulas against the reference numbers of docs/science.md §6. */
class U1ExactTest {
    private static final int HUGE = 1_000_000;

    @Test
    void besselSeriesMatchesKnownValues() {
        // I_0(1) = 1.2660658777520082, I_1(1) = 0.5651591039924851, I_3(6) = 22.93245175616..
        assertEquals(1.2660658777520082, U1Exact.besselI(0, 1), 1e-15);
        assertEquals(0.5651591039924851, U1Exact.besselI(1, 1), 1e-15);
        assertEquals(U1Exact.besselI(3, 6), U1Exact.besselI(-3, 6));
    }

    @Test
    void infiniteVolumePlaquetteIsTheBesselRatio() {
        assertEquals(0.446389966, U1Exact.plaquette(1, HUGE), 1e-9);
        assertEquals(0.809985294, U1Exact.plaquette(3, HUGE), 1e-9);
        assertEquals(0.912359304, U1Exact.plaquette(6, HUGE), 1e-9);
    }

    @Test
    void infiniteVolumeSusceptibility() {
        assertEquals(0.0406362, U1Exact.topologicalChargeSquared(1, HUGE) / HUGE, 1e-7);
        assertEquals(0.0110608, U1Exact.topologicalChargeSquared(3, HUGE) / HUGE, 1e-7);
        assertEquals(0.0046668, U1Exact.topologicalChargeSquared(6, HUGE) / HUGE, 1e-7);
    }

    @Test
    void smallVolumeReferenceValues() {
        assertEquals(0.815850973, U1Exact.plaquette(3, 16), 1e-9);
        assertEquals(0.1057011, U1Exact.topologicalChargeSquared(3, 16), 1e-7);
        assertEquals(0.912454915, U1Exact.plaquette(6, 64), 1e-9);
        assertEquals(0.2792008, U1Exact.topologicalChargeSquared(6, 64), 1e-7);
    }
}
