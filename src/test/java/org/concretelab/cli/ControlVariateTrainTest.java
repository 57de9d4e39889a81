package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --estimator rebar|relax}: binary and categorical runs, and a refusal naming the option where it does not apply. */
class ControlVariateTrainTest {
    @TempDir
    Path dir;

    @Test
    void trainRunsWithRebarAndRelaxOnBinaryAndCategoricalLatents() throws Exception {
        List<List<String>> runs = List.of(List.of("rebar", "--threads", "2"), List.of("rebar", "--latent", "categorical",
                "--classes", "4"), List.of("relax", "--threads", "2"), List.of("relax", "--latent", "categorical", "--classes",
                "4"));
        for (List<String> run : runs) {
            List<String> latent = run.subList(1, run.size());
            Path out = dir.resolve(run.get(0) + latent.size());
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("train", "--estimator", run.get(0), "--epochs", "1",
                    "--train-limit", "300", "--val-limit", "50", "--out", out.toString(), "--quiet"));
            args.addAll(latent);
            assertEquals(0, CliRun.run(log, args.toArray(String[]::new)), log.toString());
            List<String> rows = Files.readAllLines(out.resolve("training.csv"));
            assertTrue(rows.get(0).contains("discrete_elbo"), rows.get(0));
            assertTrue(rows.size() > 1, "steps were logged");
        }
    }

    @Test
    void gaussianUnitsAreRefusedNamingTheEstimatorAndWhy() {
        for (String name : List.of("rebar", "relax")) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(2, CliRun.run(log, "train", "--estimator", name, "--gaussian", "4",
                    "--out", dir.resolve("no").toString(), "--quiet"), log.toString());
            assertTrue(log.toString().contains("--estimator") && log.toString().contains("discrete latents only")
                    && log.toString().contains(name), log.toString());
        }
    }
}
