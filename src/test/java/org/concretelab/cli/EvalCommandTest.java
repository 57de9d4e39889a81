package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `eval --offset` splits give exactly the whole run's scores; values that would not are refused. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CliRun.run(out, args);
        assertEquals(expectedCode, code, out.toString());
        return out.toString();
    }

    private static double value(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(-?[0-9.]+) nats").matcher(out);
        assertTrue(m.find(), label + " in " + out);
        return Double.parseDouble(m.group(1));
    }

    private Path checkpoint() {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 12, 2, 0, 24, 2.0 / 3, 0.5, 1, 1e-3);
        TrainingOptions o = new TrainingOptions(spec, 20, 1, 3, Binarization.DYNAMIC, 0, 0, 5, null, 0);
        Path f = dir.resolve("m.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(o, VaeModels.create(spec, 3).state(), 0, 0, 0));
        return f;
    }

    @Test
    void twoHalvesAverageToTheWhole() {
        String ckpt = checkpoint().toString();
        String whole = run(0, "eval", ckpt, "-k", "8", "--limit", "200");
        String a = run(0, "eval", ckpt, "-k", "8", "--limit", "100");
        String b = run(0, "eval", ckpt, "-k", "8", "--limit", "100", "--offset", "100");
        for (String label : new String[] {"relaxed ELBO:", "discrete ELBO:", "test NLL (k=8):"}) {
            // printed with 2 decimals: the mean of two rounded halves is within 0.01 of the rounded whole
            assertEquals(value(whole, label), (value(a, label) + value(b, label)) / 2, 0.0101, label);
        }
    }

    @Test
    void threadsChangeTheSpeedNotTheResult() {
        String ckpt = checkpoint().toString();
        String one = run(0, "eval", ckpt, "-k", "8", "--limit", "300", "--threads", "1");
        String three = run(0, "eval", ckpt, "-k", "8", "--limit", "300", "--threads", "3");
        for (String label : new String[] {"relaxed ELBO:", "discrete ELBO:", "test NLL (k=8):", "active units:"}) {
            assertEquals(one.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow(),
                    three.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow(), label);
        }
        assertTrue(run(2, "eval", ckpt, "--threads", "0").contains("--threads must be at least 1"));
    }

    @Test
    void offsetsOffTheNoiseGridAndUnknownSplitsAreRefused() {
        String ckpt = checkpoint().toString();
        assertTrue(run(2, "eval", ckpt, "--offset", "50").contains("--offset must be a multiple of 100"));
        assertTrue(run(2, "eval", ckpt, "--split", "train").contains("--split must be test or validation"));
    }
}
