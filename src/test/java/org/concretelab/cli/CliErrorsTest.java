package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistFiles;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 ("never lose a run"): user errors get a message saying what, why and what to do, a nonzero code, no trace. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CliRun.run(out, args);
        String text = out.toString();
        assertEquals(expectedCode, code, text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        return text;
    }

    private Path checkpoint(String name) {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-3);
        TrainingOptions o = new TrainingOptions(spec, 10, 1, 1, Binarization.DYNAMIC, 100, 20, 5, null, 0);
        Path f = dir.resolve(name);
        Checkpoints.save(f, new TrainingCheckpoint(o, VaeModels.create(spec, 1).state(), 0, 0, 0));
        return f;
    }

    @Test
    void exportNeverReplacesItsSourceAndAnExistingFileOnlyWithForce() throws IOException {
        Path a = checkpoint("a.ckpt");
        byte[] before = Files.readAllBytes(a);
        assertTrue(run(2, "export", a.toString(), a.toString()).contains("Adam moments"));
        Path relative = dir.resolve("sub/../a.ckpt");
        Files.createDirectories(dir.resolve("sub"));
        run(2, "export", a.toString(), relative.toString());
        Path link = Files.createSymbolicLink(dir.resolve("link.ckpt"), a);
        run(2, "export", link.toString(), a.toString());
        run(2, "export", a.toString(), link.toString(), "--force");
        assertArrayEquals(before, Files.readAllBytes(a));

        Path other = checkpoint("other.ckpt");
        assertTrue(run(2, "export", a.toString(), other.toString()).contains("--force"));
        run(0, "export", a.toString(), other.toString(), "--force");
        assertFalse(Checkpoints.load(other).resumable());
        run(0, "export", a.toString(), dir.resolve("new.ckpt").toString());
        Path folder = Files.createDirectories(dir.resolve("models"));
        assertTrue(run(2, "export", a.toString(), folder.toString(), "--force").contains("is a folder"));
    }

    @Test
    void evalRefusesNegativeLimitOffsetAndK() {
        Path a = checkpoint("a.ckpt");
        assertTrue(run(2, "eval", a.toString(), "--limit", "-5").contains("--limit"));
        assertTrue(run(2, "eval", a.toString(), "--offset", "-100").contains("--offset"));
        assertTrue(run(2, "eval", a.toString(), "-k", "0").contains("-k"));
    }

    @Test
    void classesAreRefusedForBinaryLatentsInTrainAndBench() {
        String m = run(2, "train", "--latent", "binary", "-K", "8", "--epochs", "1", "--out", dir.resolve("r").toString());
        assertTrue(m.contains("-K/--classes applies to categorical and corners latents only"), m);
        assertTrue(run(2, "bench", "--classes", "8").contains("-K/--classes applies to categorical and corners latents only"));
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void cornerLatentsRefuseAKThatIsNoPowerOfTwo() {
        String m = run(2, "train", "-K", "6", "--latent", "corners", "--epochs", "1", "--out", dir.resolve("r").toString());
        assertTrue(m.contains("--classes: classes must be a power of two") && m.contains("(2, 4, 8, …), was 6"), m);
        assertFalse(Files.exists(dir.resolve("r")));
        assertTrue(run(2, "bench", "--latent", "corners", "-K", "3").contains("--classes: classes must be a power of two"));
        assertTrue(run(2, "train", "--latent", "corner").contains("--latent must be binary, categorical or corners"));
    }

    @Test
    void hugeModelsAreRefusedAtOnceWithTheFigure() {
        for (String[] size : new String[][] {{"--hidden", "100000"}, {"--gaussian", "1000000"}, {"--units", "10000000"}}) {
            String m = run(2, "train", size[0], size[1], "--epochs", "1", "--out", dir.resolve("r").toString());
            assertTrue(m.contains("this model needs about") && m.contains(" GB") && m.contains("this JVM may use"), m);
        }
        assertTrue(run(2, "bench", "--hidden", "100000").contains("this model needs about"));
    }

    @Test
    void nonFiniteOrMismatchedCheckpointsAreRefusedByEvalBenchAndExport() throws IOException {
        // a NaN written past the checks, as a damaged copy (or an older build's diverged run) may hold it
        Path nan = dir.resolve("nan.ckpt");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(checkpoint("a.ckpt")));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(nan))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals("arrays.bin")) {
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(12, Float.NaN);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
            }
        }
        assertTrue(run(1, "eval", nan.toString(), "-k", "1", "--limit", "100").contains("non-finite"));
        assertTrue(run(1, "bench", "--decode", nan.toString()).contains("non-finite"));
        run(1, "export", nan.toString(), dir.resolve("copy.ckpt").toString());
        assertFalse(Files.exists(dir.resolve("copy.ckpt")));
    }

    @Test
    void damagedMnistHeaderIsAMessageNotAnOverflow() throws IOException {
        Path copy = Files.createDirectory(dir.resolve("mnist"));
        for (String name : MnistFiles.names()) {
            Files.copy(MnistFiles.defaultDir().resolve(name), copy.resolve(name));
        }
        Path images = copy.resolve(MnistFiles.TEST_IMAGES);
        byte[] bytes = Files.readAllBytes(images);
        bytes[4] = 0x7f; // the image count's top byte
        Files.write(images, bytes);
        String m = run(1, "eval", checkpoint("a.ckpt").toString(), "--data", copy.toString(), "-k", "1", "--limit", "100");
        assertTrue(m.contains("header is damaged") && m.contains("data --fetch"), m);
        bytes[4] = 0;
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).put(5000, (byte) (bytes[5000] ^ 1)); // one pixel
        Files.write(images, bytes);
        Files.setLastModifiedTime(images, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        m = run(1, "train", "--data", copy.toString(), "--epochs", "1", "--out", dir.resolve("r").toString());
        assertTrue(m.contains("SHA-256") && m.contains(images.toString()), m);
    }

    @Test
    void aMistypedCommandLineStartsWithErrorAndItsReason() { // issue 26: a sweep showed the usage text's last line
        String text = run(2, "train", "--straight-through", "true");
        assertTrue(text.startsWith("error: Unmatched argument") && text.contains("'true'"), text);
        assertTrue(text.contains("train --help"), text);
        // an overflowing number is refused by name, never wrapped (4294967297 epochs once ran 1)
        assertTrue(run(2, "train", "--epochs", "4294967297").startsWith("error: Invalid value for option '--epochs'"));
        assertTrue(run(2, "eval", "x.ckpt", "-k", "4294967296").contains("Invalid value for option '--k': '4294967296'"));
    }

    @Test
    void aSweepRootThatIsAFileIsNamedAsSuch() throws IOException { // issue 26: the message was only "error: <path>"
        Path sweep = Files.writeString(dir.resolve("s.sweep"), "units: 8\n");
        Path file = Files.writeString(dir.resolve("results"), "not a folder");
        String text = run(2, "sweep", sweep.toString(), "--root", file.toString());
        assertTrue(text.contains("--root " + file + " is a file, not a folder"), text);
        assertTrue(run(2, "sweep", sweep.toString(), "--root", file.toString(), "--dry-run").contains("is a file"));
        Path empty = Files.writeString(dir.resolve("empty.sweep"), "# nothing\n");
        assertTrue(run(2, "sweep", empty.toString(), "--dry-run").contains("holds no settings"));
    }

    @Test
    void trainRefusesARisingDecayRootOrHomeAsOutAndNamesKlWarmup() throws IOException { // issue 26
        String rising = run(2, "train", "--lr", "1e-3", "--lr-final", "1", "--out", dir.resolve("r").toString());
        assertTrue(rising.contains("--lr-final 1.00 is above --lr 0.00100") && rising.contains("1,000×"), rising);
        assertFalse(Files.exists(dir.resolve("r").resolve("training.csv")), "nothing written");
        String root = run(2, "train", "--out", "/", "--epochs", "1");
        assertTrue(root.contains("--out / is the root of a file system"), root);
        String home = run(2, "train", "--out", System.getProperty("user.home") + "/.", "--epochs", "1");
        assertTrue(home.contains("is your home folder"), home);
        String warmup = run(2, "train", "--kl-warmup", "-1", "--out", dir.resolve("w").toString());
        assertTrue(warmup.contains("--kl-warmup"), warmup);
    }

    @Test
    void resumingWithTooFewEpochsSaysEpochsCountsAll() throws IOException { // was "already trained 3 of 1 epochs"
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-3);
        TrainingOptions o = new TrainingOptions(spec, 10, 3, 1, Binarization.DYNAMIC, 100, 20, 5, null, 0);
        Path f = dir.resolve("three.ckpt");
        Checkpoints.save(f, new TrainingCheckpoint(o, VaeModels.create(spec, 1).state(), 30, 3, 0));
        String fewer = run(2, "train", "--resume", f.toString(), "--epochs", "1");
        assertTrue(fewer.contains("has already trained 3 epochs, and --epochs counts all of them")
                && fewer.contains("--epochs 1 ends before") && fewer.contains("give --epochs 4 or more"), fewer);
        String done = run(2, "train", "--resume", f.toString());
        assertTrue(done.contains("has already trained 3 of 3 epochs; give --epochs 4 or more"), done);
    }

    @Test
    void exportRemovesTheTempFileAKilledExportLeft() throws IOException { // issue 26
        Path a = checkpoint("a.ckpt");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path left = Files.write(out.resolve("model.ckpt8123456789.tmp"), new byte[100]);
        Files.setLastModifiedTime(left, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = Files.write(out.resolve("model.ckpt42.tmp"), new byte[10]); // newer than this process: maybe in use
        Path mine = Files.write(out.resolve("model.ckpt.tmp"), new byte[10]); // not a name export writes
        Files.setLastModifiedTime(mine, java.nio.file.attribute.FileTime.fromMillis(0));
        String text = run(0, "export", a.toString(), out.resolve("model.ckpt").toString());
        assertTrue(text.contains("note: removed model.ckpt8123456789.tmp, left by an interrupted export"), text);
        assertFalse(Files.exists(left));
        assertTrue(Files.exists(fresh) && Files.exists(mine));
    }

    @Test
    void evalRefusesAnAbsurdKUnlessForcedAndShowsProgressWithinAnImage() { // issue 26
        String a = Path.of("assets", "models", "default.ckpt").toString(); // the paper's 200H~784V model
        String absurd = run(2, "eval", a, "-k", "2000000000", "--limit", "1");
        assertTrue(absurd.contains("-k 2,000,000,000 on 1 image would take about 5.3 hours") && absurd.contains("--force"),
                absurd);
        // 5 × the threshold: ~4 s on one thread, several of the bar's 500 ms ticks (at the threshold itself, ~0.8 s on a
        // quiet machine, the image could end before the first tick)
        int k = 5 * EvalCommand.SAMPLE_PROGRESS_K;
        String forced = run(0, "eval", a, "-k", "" + k, "--limit", "1", "--threads", "1");
        assertTrue(forced.contains("eval (samples)"), forced);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/" + k + " samples").matcher(forced);
        boolean within = false;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            within |= n > 0 && n < k;
        }
        assertTrue(within, "the bar moved within the one image: " + forced);
    }
}
