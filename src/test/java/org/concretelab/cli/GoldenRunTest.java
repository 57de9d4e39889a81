package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default model's first 3 epochs, as {@code train --epochs 3} writes them, are pinned by a checked-in
 * fingerprint: a restructuring of the model, the trainer or the logs must not change a single logged
 * number. Floating-point results depend on OpenBLAS's kernel family, so fingerprints are kept per
 * {@code OPENBLAS_CORETYPE}; the timing column (examples/s) is left out.
 */
class GoldenRunTest {
    private static final String FINGERPRINTS = "/golden/default-3-epochs.properties";

    @TempDir
    Path dir;

    /** Tests run in-process (no launcher relaunch): the kernels are the preset ones, or OpenBLAS's own guess. */
    static String coreType() {
        String preset = System.getenv("OPENBLAS_CORETYPE");
        return preset != null ? preset : "unset";
    }

    /** SHA-256 of the file's lines with the given columns removed. */
    static String fingerprint(Path csv, int... dropColumns) throws Exception {
        List<String> lines = Files.readAllLines(csv);
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
        Path out = dir.resolve("golden");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "train", "--epochs", "3", "--threads", "1", "--out", out.toString(), "--quiet"), log.toString());
        String training = fingerprint(out.resolve("training.csv"), 4);
        // the scores recorded at 50f70ee; val_active_units (column 5) came later and is checked on its own below
        String epochs = fingerprint(out.resolve("epochs.csv"), 5);
        List<String> rows = Files.readAllLines(out.resolve("epochs.csv"));
        assertEquals("val_active_units", rows.get(0).split(",")[5]);
        for (String row : rows.subList(1, rows.size())) {
            double active = Double.parseDouble(row.split(",")[5]);
            assertTrue(active >= 150 && active <= 200, "active units of the default model: " + row);
        }
        Properties known = new Properties();
        try (InputStream in = GoldenRunTest.class.getResourceAsStream(FINGERPRINTS)) {
            if (in != null) {
                known.load(in);
            }
        }
        String core = coreType();
        assumeTrue(known.containsKey(core + ".training"), "no fingerprint for OPENBLAS_CORETYPE=" + core + "; this run's: "
                + core + ".training=" + training + " " + core + ".epochs=" + epochs);
        assertEquals(known.getProperty(core + ".training"), training, "training.csv changed:\n" + tail(out.resolve("training.csv")));
        assertEquals(known.getProperty(core + ".epochs"), epochs, "epochs.csv changed:\n" + Files.readString(out.resolve("epochs.csv")));
    }

    private static String tail(Path p) throws IOException {
        List<String> l = Files.readAllLines(p);
        return String.join("\n", l.subList(Math.max(0, l.size() - 3), l.size()));
    }
}
