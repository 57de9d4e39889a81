package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.concretelab.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `train --task completion` of a tiny model on real MNIST, its checkpoint scored by `eval` and timed by `bench --decode`. */
class CompletionCommandTest {

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(expectedCode, CliRun.run(out, args), out.toString());
        return out.toString();
    }

    private static double value(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ".*?:\\s+(-?[0-9.]+) nats").matcher(out);
        assertTrue(m.find(), label + " in " + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aTinyCompletionModelTrainsAndIsScoredOnTheBottomHalf(@TempDir Path dir) throws Exception {
        String out = run(0, "train", "--task", "completion", "--arch", "392V~240H~240H~392V", "--units", "20", "--hidden", "32",
                "-m", "2", "--epochs", "2", "--batch", "50", "--train-limit", "500", "--val-limit", "50", "--val-samples", "5",
                "--out", dir.toString(), "--quiet");
        assertTrue(out.contains("392V~20H~20H~392V binary m=2 (completion)") && out.contains("λ=0.6667"), out);
        assertTrue(out.contains("epoch 2/2") && out.contains("NLL(bottom|top)"), out);
        List<String> epochs = Files.readAllLines(dir.resolve("epochs.csv")).stream()
                .filter(l -> !org.concretelab.train.RunLog.isComment(l)).toList(); // the run header
        assertEquals(3, epochs.size(), epochs.toString());
        double first = Double.parseDouble(epochs.get(1).split(",")[4]);
        double second = Double.parseDouble(epochs.get(2).split(",")[4]);
        assertTrue(second < first && second < 200, "validation NLL of the bottom half: " + first + " -> " + second);
        assertEquals("completion", Checkpoints.load(dir.resolve("last.ckpt")).options().spec().task(), "the checkpoint keeps the task");
        String eval = run(0, "eval", dir.resolve("last.ckpt").toString(), "-k", "20", "--limit", "40");
        double nll = value(eval, "test NLL of the bottom half given the top half");
        double bound = value(eval, "discrete bound (m=1)");
        assertTrue(nll > 0 && nll < 200 && nll < -bound + 1e-9, eval);
        assertTrue(eval.contains("(k=20)") && eval.contains("reads the top half"), eval);
        // a model-only copy loads too, and decodes a bottom half per flip
        Path exported = dir.resolve("model.ckpt");
        run(0, "export", dir.resolve("last.ckpt").toString(), exported.toString());
        String bench = run(0, "bench", "--decode", exported.toString());
        assertTrue(bench.contains("decode of one bottom half (392V~20H~20H~392V") && bench.contains("256 draws given a top half"),
                bench);
    }

    @Test
    void optionsThatDoNotFitTheTaskAreRefusedByName(@TempDir Path dir) {
        String density = run(2, "train", "--task", "completion", "--arch", "200H~784V", "--out", dir.toString());
        assertTrue(density.contains("200H~784V is an architecture of the density task"), density);
        String other = run(2, "train", "--arch", "392V~240H~240H~392V", "--out", dir.toString());
        assertTrue(other.contains("--task completion"), other);
        String gaussian = run(2, "train", "--task", "completion", "--gaussian", "10", "--out", dir.toString());
        assertTrue(gaussian.contains("--gaussian: gaussianUnits must be 0 for the completion task"), gaussian);
        String warmup = run(2, "train", "--task", "completion", "--kl-warmup", "100", "--out", dir.toString());
        assertTrue(warmup.contains("--kl-warmup: the completion task has no KL term"), warmup);
        String task = run(2, "train", "--task", "inpainting", "--out", dir.toString());
        assertTrue(task.contains("--task must be one of density, completion"), task);
    }
}
