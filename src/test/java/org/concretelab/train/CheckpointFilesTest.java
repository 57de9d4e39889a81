package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a checkpoint file can be wrong gives a CheckpointException that names the file and the problem. */
class CheckpointFilesTest {
    static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CATEGORICAL, 6, 4, 3, 16,
            0.6, 0.4, 5, 2.5e-3);

    @TempDir
    Path dir;

    private Path saved() {
        VaeModel m = VaeModels.create(SPEC, 7);
        TrainingOptions o = new TrainingOptions(SPEC, 37, 9, 5, Binarization.FIXED, 777, 55, 12, null, 0);
        Path f = dir.resolve("good.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(o, m.state(), 4321, 3, 17));
        return f;
    }

    private static String message(Path f) {
        return assertThrows(CheckpointException.class, () -> Checkpoints.load(f), f.toString()).getMessage();
    }

    @Test
    void aFileCutAnywhereIsReportedAsTruncatedOrDamaged() throws IOException {
        byte[] all = Files.readAllBytes(saved());
        // cut inside the header entry, inside the weights, and just before the zip's closing records
        int dataStart = all.length / 10;
        for (int len : new int[] {0, 10, 40, 200, dataStart, all.length / 2, all.length - 200}) {
            Path cut = dir.resolve("cut" + len + ".ckpt");
            Files.write(cut, Arrays.copyOf(all, len));
            String m = message(cut);
            assertTrue(m.contains(cut.toString()), m);
            assertTrue(m.contains("truncated") || m.contains("damaged") || m.contains("not a Concrete Explorer checkpoint"),
                    "length " + len + " of " + all.length + ": " + m);
        }
    }

    @Test
    void everyFlippedByteInTheWeightsIsCaught() throws IOException {
        byte[] all = Files.readAllBytes(saved());
        for (int at : new int[] {all.length / 3, all.length / 2, 2 * all.length / 3}) {
            byte[] copy = all.clone();
            copy[at] ^= 0x01;
            Path f = dir.resolve("flip" + at + ".ckpt");
            Files.write(f, copy);
            String m = message(f);
            assertTrue(m.contains(f.toString()) && (m.contains("damaged") || m.contains("truncated")), m);
        }
    }

    @Test
    void foreignFilesAreNamedAsSuch() throws IOException {
        Path text = dir.resolve("notes.ckpt");
        Files.writeString(text, "hello, this is not a checkpoint\n");
        Path otherZip = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("x".getBytes(StandardCharsets.UTF_8));
        }
        Path otherJson = dir.resolve("json.ckpt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherJson))) {
            z.putNextEntry(new ZipEntry("checkpoint.json"));
            z.write("{\"format\":\"something-else\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("arrays.bin"));
        }
        for (Path f : List.of(text, otherZip, otherJson)) {
            String m = message(f);
            assertTrue(m.contains("not a Concrete Explorer checkpoint") && m.contains(f.toString()), m);
        }
        String m = message(dir);
        assertTrue(m.contains(dir.toString()), m);
        assertTrue(!m.contains("Exception"), "a sentence, not an exception name: " + m);
    }
}
