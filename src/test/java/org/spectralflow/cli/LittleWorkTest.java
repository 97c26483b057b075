package org.spectralflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which sweeps {@link FastStart} runs on C1 alone: Σ n²(n + T) a matrix below {@link SweepCommand#LITTLE_WORK}, nothing else. */
class LittleWorkTest {
    private static boolean little(String... args) {
        SweepCommand c = new SweepCommand();
        new CommandLine(c).parseArgs(args);
        return SweepCommand.littleWork(c.grid.grid());
    }

    @Test
    void smallDenseSweepsAreLittleWorkAndLargeOrHeavyOnesAreNot() {
        assertTrue(little(), "the default sweep: 200 × 32²·(32 + 200) = 4.8e7");
        assertTrue(little("--n", "64", "--scale", "0.9,1.0,1.1", "--activation", "linear,tanh", "--trials", "400", "--steps", "100"), "2 400 at N = 64, T = 100: 1.6e9");
        assertFalse(little("--n", "64", "--scale", "0.9,1.0,1.1", "--activation", "linear,tanh", "--trials", "2000", "--steps", "100"), "12 000: 8.1e9");
        assertFalse(little("--n", "1024", "--trials", "2"), "10 × 1024²·1224 = 1.3e10");
        assertFalse(little("--precision", "f32"), "finite-precision runs go on for up to 20 000 steps");
        assertFalse(little("--esp"), "the echo state check runs 2 000 steps from 5 starts");
        assertFalse(little("--ensemble", "sparse", "--n", "5000", "--density", "0.001", "--trials", "1"), "CSR");
    }
}
