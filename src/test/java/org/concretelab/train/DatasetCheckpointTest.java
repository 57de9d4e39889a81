package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.concretelab.data.Binarization;
import org.concretelab.data.Datasets;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every checkpoint records its dataset; one written before datasets were recorded reads as MNIST. */
class DatasetCheckpointTest {
    @TempDir
    Path dir;

    private static final ModelSpec SPEC = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 12,
            2.0 / 3, 0.5, 1, 1e-3);

    private Path save(TrainingOptions o) {
        Path f = dir.resolve("m.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(o, VaeModels.create(SPEC, 3).state(), 0, 0, 0));
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"assets/models/default.ckpt", "assets/models/completion.ckpt"})
    void theShippedCheckpointsPredateDatasetsAndReadAsMnist(String shipped) throws IOException {
        assertTrue(!header(Path.of(shipped)).contains("\"dataset\""), "written before datasets were recorded");
        assertSame(Datasets.MNIST, Checkpoints.load(Path.of(shipped)).options().dataset());
        assertSame(Datasets.MNIST, Checkpoints.header(Path.of(shipped)).options().dataset());
    }

    @Test
    void theDatasetRoundTripsInTheFileAndItsHeader() throws IOException {
        TrainingOptions o = new TrainingOptions(SPEC, 10, 1, 3, Binarization.DYNAMIC, 0, 0, 5, null, 0)
                .withDataset(Datasets.FASHION_MNIST);
        Path f = save(o);
        assertTrue(header(f).contains("\"dataset\":\"fashion-mnist\""), header(f));
        assertSame(Datasets.FASHION_MNIST, Checkpoints.load(f).options().dataset());
        assertSame(Datasets.FASHION_MNIST, Checkpoints.header(f).options().dataset());
        assertEquals(o, Checkpoints.load(f).options().withOutput(null, 1));
        assertTrue(header(save(o.withDataset(Datasets.MNIST))).contains("\"dataset\":\"mnist\""));
    }

    @Test
    void aDatasetThisBuildDoesNotKnowIsNamedInTheError() throws IOException {
        Path f = save(new TrainingOptions(SPEC, 10, 1, 3, Binarization.DYNAMIC, 0, 0, 5, null, 0));
        Path edited = dir.resolve("cifar.ckpt");
        rewriteHeader(f, edited, header(f).replace("\"dataset\":\"mnist\"", "\"dataset\":\"cifar-10\""));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(edited));
        assertTrue(e.getMessage().contains("'cifar-10'") && e.getMessage().contains("mnist, fashion-mnist, omniglot")
                && e.getMessage().contains(edited.toString()), e.getMessage());
        assertThrows(CheckpointException.class, () -> Checkpoints.header(edited));
    }

    @Test
    void aResumedRunKeepsItsDataset() {
        TrainingOptions stored = new TrainingOptions(SPEC, 10, 1, 3, Binarization.DYNAMIC, 0, 0, 5, null, 0)
                .withDataset(Datasets.FASHION_MNIST);
        assertTrue(ResumePolicy.fixed("dataset"));
        assertEquals(java.util.Set.of("dataset"), ResumePolicy.differences(stored, stored.withDataset(Datasets.MNIST)));
        TrainingOptions resumed = ResumePolicy.resumed(stored, stored.withDataset(Datasets.MNIST),
                java.util.Set.of("epochs"), dir);
        assertSame(Datasets.FASHION_MNIST, resumed.dataset());
    }

    static String header(Path ckpt) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ckpt))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("checkpoint.json")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("no header in " + ckpt);
    }

    /** A copy of {@code from} whose checkpoint.json is {@code json}, the other entries as they were. */
    static void rewriteHeader(Path from, Path to, String json) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             OutputStream raw = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(raw)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("checkpoint.json")) {
                    out.write(json.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
