package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.concretelab.train.RunLog;
import org.concretelab.platform.NativeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default model's first 3 epochs, as {@code train --epochs 3} writes them, are pinned by a checked-in
 * fingerprint: a restructuring of the model, the trainer or the logs must not change a single logged
 * number. Floating-point results depend on OpenBLAS's kernel family, so fingerprints are kept per
 * {@code OPENBLAS_CORETYPE}; the timing column (examples/s) is left out. On kernels without a fingerprint the run
 * goes to a child JVM on a fingerprinted family the CPU runs (never a silent skip: the refactoring guard must hold on
 * a new machine), and a CPU that runs none fails, asking for its fingerprint.
 */
class GoldenRunTest {
    private static final String FINGERPRINTS = "/golden/default-3-epochs.properties";
    /**
     * The score-function side, which the default (Concrete) run never enters: VIMCO at m = 5 on two stochastic layers,
     * EMA-centred — the σ of every posterior and prior logit in its score terms, the leave-one-out weights, rows that
     * repeat their logits (the m samples of one image, the top prior), the discrete bound. 2 short epochs.
     */
    private static final String SCORE_FINGERPRINTS = "/golden/vimco-m5-2-epochs.properties";
    private static final List<String> SCORE_RUN = List.of("--arch", "200H-200H-784V", "-m", "5", "--estimator", "vimco",
            "--ema-centring", "--train-limit", "2000", "--val-limit", "500", "--epochs", "2");

    @TempDir
    Path dir;

    /** Tests run in-process (no launcher relaunch): the kernels are the preset ones, or OpenBLAS's own guess. */
    static String coreType() {
        String preset = System.getenv("OPENBLAS_CORETYPE");
        return preset != null ? preset : "unset";
    }

    /** SHA-256 of the file's lines with the given columns removed (the run header's comment lines are not scores). */
    static String fingerprint(Path csv, int... dropColumns) throws Exception {
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !RunLog.isComment(l)).toList();
        String kept = lines.stream().map(l -> {
            String[] f = l.split(",", -1);
            StringBuilder b = new StringBuilder();
            outer:
            for (int i = 0; i < f.length; i++) {
                for (int d : dropColumns) {
                    if (d == i) {
                        continue outer;
                    }
                }
                b.append(f[i]).append(',');
            }
            return b.toString();
        }).collect(Collectors.joining("\n"));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kept.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDefaultModelsFirstThreeEpochsAreUnchanged() throws Exception {
        Properties known = fingerprints(FINGERPRINTS);
        Path out = dir.resolve("golden");
        String core = train(known, out, List.of("--epochs", "3"));
        String training = fingerprint(out.resolve("training.csv"), 4);
        // the scores recorded at 50f70ee; val_active_units (column 5) came later and is checked on its own below
        String epochs = fingerprint(out.resolve("epochs.csv"), 5);
        List<String> rows = Files.readAllLines(out.resolve("epochs.csv"));
        assertEquals("# run: dataset=mnist, model=200H~784V binary m=1, seed=1", rows.get(0), "the run header names the dataset");
        rows = rows.subList(1, rows.size());
        assertEquals("val_active_units", rows.get(0).split(",")[5]);
        for (String row : rows.subList(1, rows.size())) {
            double active = Double.parseDouble(row.split(",")[5]);
            assertTrue(active >= 150 && active <= 200, "active units of the default model: " + row);
        }
        assertFingerprints(known, core, out, training, epochs);
    }

    @Test
    void aScoreFunctionRunIsUnchanged() throws Exception {
        Properties known = fingerprints(SCORE_FINGERPRINTS);
        Path out = dir.resolve("vimco");
        String core = train(known, out, SCORE_RUN);
        assertEquals("# run: dataset=mnist, model=200H-200H-784V binary m=5 vimco EMA-centred (inference), seed=1",
                Files.readAllLines(out.resolve("epochs.csv")).get(0));
        assertFingerprints(known, core, out, fingerprint(out.resolve("training.csv"), 4),
                fingerprint(out.resolve("epochs.csv")));
    }

    private static Properties fingerprints(String resource) throws IOException {
        Properties known = new Properties();
        try (InputStream in = GoldenRunTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "the fingerprints " + resource + " are missing");
            known.load(in);
        }
        return known;
    }

    /** {@code train} with {@code args} on one thread into {@code out}; returns the kernel family it ran on. */
    private static String train(Properties known, Path out, List<String> args) throws Exception {
        String core = coreType();
        List<String> command = new ArrayList<>(List.of("train", "--threads", "1", "--out", out.toString(),
                "--quiet"));
        command.addAll(args);
        if (known.containsKey(core + ".training")) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(0, CliRun.run(log, command.toArray(String[]::new)), log.toString());
            return core;
        }
        // this JVM's kernels have no fingerprint (e.g. a machine whose preset differs): the guard must not go silent,
        // so the run goes to a child JVM on the fingerprinted kernel family this CPU runs, as the launcher picks it
        core = fingerprintedCoreType(known, NativeEnvironment.cpuFlags());
        runInChildJvm(core, command);
        return core;
    }

    private static void assertFingerprints(Properties known, String core, Path out, String training, String epochs)
            throws IOException {
        assertEquals(known.getProperty(core + ".training"), training, "training.csv changed (OPENBLAS_CORETYPE=" + core
                + "):\n" + tail(out.resolve("training.csv")));
        assertEquals(known.getProperty(core + ".epochs"), epochs, "epochs.csv changed (OPENBLAS_CORETYPE=" + core + "):\n"
                + Files.readString(out.resolve("epochs.csv")));
    }

    /**
     * The kernel family the launcher would pick for these CPU flags if it has a fingerprint, else Haswell's when the CPU
     * runs it (an AVX-512 CPU runs Haswell's kernels too); a CPU that runs none of them fails the test, asking for one.
     */
    static String fingerprintedCoreType(Properties known, String cpuFlags) {
        Optional<String> best = NativeEnvironment.coreType(cpuFlags);
        if (best.isPresent() && known.containsKey(best.get() + ".training")) {
            return best.get();
        }
        if (best.isPresent() && known.containsKey("Haswell.training")) {
            return "Haswell";
        }
        throw new AssertionError("no golden fingerprint for a kernel family this CPU runs (flags: " + cpuFlags + "; known: "
                + known.stringPropertyNames() + "): record this machine's with OPENBLAS_CORETYPE set in "
                + FINGERPRINTS + " (the failing assertion prints them)");
    }

    /** The CLI's {@code command} in a child JVM with OpenBLAS's kernels forced to {@code core}. */
    private static void runInChildJvm(String core, List<String> command) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> line = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector",
                "-XX:MaxGCPauseMillis=20", "-Xmx2g", "-cp", System.getProperty("java.class.path"), "org.concretelab.Main"));
        line.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_CORETYPE", core);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process child = pb.start();
        String log = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(10, TimeUnit.MINUTES), "the child JVM's run did not end");
        assertEquals(0, child.exitValue(), "train in a child JVM with OPENBLAS_CORETYPE=" + core + ":\n" + log);
    }

    private static String tail(Path p) throws IOException {
        List<String> l = Files.readAllLines(p);
        return String.join("\n", l.subList(Math.max(0, l.size() - 3), l.size()));
    }
}
