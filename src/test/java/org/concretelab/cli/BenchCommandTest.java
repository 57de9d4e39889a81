package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** `bench` runs every estimator (a few steps of a tiny model: that it runs, not how fast). */
class BenchCommandTest {

    @Test
    void benchRunsTheScoreFunctionEstimators() {
        for (String[] estimator : new String[][] {{"--estimator", "nvil"}, {"--estimator", "vimco", "-m", "2"}}) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            String[] args = {"bench", "--units", "8", "--hidden", "8", "--batch", "10",
                "--runs", "1", "--steps", "3", "--warmup", "1"};
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(estimator))
                    .toArray(String[]::new);
            assertEquals(0, CliRun.run(log, all), log.toString());
            assertTrue(log.toString().contains(" " + estimator[1] + ", batch 10") && log.toString().contains("examples/s: "),
                    log.toString());
        }
    }

    /** A thread count below 1 is an error naming the option, for training and benchmarking alike (no stack trace). */
    @Test
    void zeroThreadsIsAClearError() {
        for (String[] args : new String[][] {{"bench", "--threads", "0", "--runs", "1"}, {"train", "--threads", "0", "--epochs", "1"}}) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(2, CliRun.run(log, args), log.toString());
            assertTrue(log.toString().contains("--threads") && !log.toString().contains("Exception"), log.toString());
        }
    }

    /** `bench --eval` times eval's scoring on the shipped model and projects the full test set and k = 50,000. */
    @Test
    void evalBenchReportsImagesPerSecondAndTheProjection() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "bench", "--eval", "assets/models/default.ckpt", "-k", "5", "--eval-images", "200",
                "--threads", "2", "--runs", "1"), log.toString());
        String out = log.toString();
        assertTrue(out.contains("200 test images at k = 5, 2 threads"), out);
        assertTrue(out.matches("(?s).*projected: all 10,000 test images at k = 5 in [0-9.]+ min; at k = 50,000 in [0-9]+ min.*"), out);
        assertTrue(out.matches("(?s).*eval images/s: [0-9.]+\\s*"), out);
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(bad, "bench", "--eval", "assets/models/default.ckpt", "--eval-images", "10"), bad.toString());
        assertTrue(bad.toString().contains("--eval-images at least 100"), bad.toString());
    }

    /** `bench --flips` ranks every single flip of test digits' codes and reports the top flip's median change. */
    @Test
    void flipsBenchReportsTheTopFlipsMedianChange() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "bench", "--flips", "assets/models/default.ckpt", "--flip-images", "5"), log.toString());
        String out = log.toString();
        assertTrue(out.contains("5 test digits, each digit's code and its 200 single moves decoded as one batch"), out);
        assertTrue(out.matches("(?s).*top-ranked flip, mean \\|Δp\\| over pixels: median 0\\.[0-9]{4} .*"), out);
        assertTrue(out.matches("(?s).*flips median \\|Δp\\|: 0\\.[0-9]{4}, median pixels crossing: [0-9.]+\\s*"), out);
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(bad, "bench", "--flips", "assets/models/default.ckpt", "--flip-images", "0"), bad.toString());
        assertTrue(bad.toString().contains("--flip-images must be at least 1"), bad.toString());
        ByteArrayOutputStream completion = new ByteArrayOutputStream();
        assertEquals(1, CliRun.run(completion, "bench", "--flips", "assets/models/completion.ckpt"), completion.toString());
        assertTrue(completion.toString().contains("is a completion model"), completion.toString());
    }

    /**
     * `bench --gemm` records the step's own products: for 8H~784V at k = 20 an image's evaluation is the encoder's three
     * (one row: its posterior serves all k samples) and the decoder's three for the k samples in one chunk.
     */
    @Test
    void gemmBenchTimesTheStepsOwnProducts() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "bench", "--gemm", "--units", "8", "--hidden", "8", "--batch", "10", "--steps", "3",
                "-k", "20"), log.toString());
        String out = log.toString();
        assertTrue(out.contains("eval, one image at k = 20: 6 products, "), out);
        assertTrue(out.contains("  3 × 20×8 · 8×") || out.contains("  2 × 20×8 · 8×8"), out);
        assertTrue(out.matches("(?s).*training: GEMM bound [0-9]+ images/s a core .* measured [0-9]+ images/s .*: [0-9]+ % of the bound.*"),
                out);
        assertTrue(out.matches("(?s).*gemm fraction: [0-9]\\.[0-9]{2}\\s*"), out);
        double fraction = Double.parseDouble(out.replaceFirst("(?s).*gemm fraction: ([0-9.]+).*", "$1"));
        assertTrue(fraction > 0 && fraction < 1.5, "the products alone cannot take much longer than the step: " + fraction);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2};
        assertEquals(2.5, FlipsBench.quantile(v, 0.5), 1e-12);
        assertEquals(1, FlipsBench.quantile(v, 0), 1e-12);
        assertEquals(4, FlipsBench.quantile(v, 1), 1e-12);
        assertEquals(1.75, FlipsBench.quantile(v, 0.25), 1e-12);
    }
}
