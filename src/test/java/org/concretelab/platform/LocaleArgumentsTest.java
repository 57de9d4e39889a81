package org.concretelab.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26: under LANG=C a non-ASCII path was "does not exist". A real child JVM started with LANG=C / LC_ALL=C
 * relaunches itself under a UTF-8 locale with the arguments as typed; where it cannot, it says why.
 */
class LocaleArgumentsTest {
    @TempDir
    Path dir;

    private record Result(int code, String output) {
    }

    private Result run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.concretelab.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANGUAGE") || k.startsWith("CONCRETE_EXPLORER"));
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private Path checkpoint() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("modèles"));
        Path f = folder.resolve("é.ckpt");
        ModelSpec spec = ModelSpec.defaults().withLearningRate(1e-3);
        Checkpoints.save(f, new TrainingCheckpoint(TrainingOptions.defaults(), VaeModels.create(spec, 1).state(), 0, 0, 0));
        return f;
    }

    @Test
    void aNonAsciiPathWorksUnderLangC() throws Exception {
        assumeTrue(LocaleArguments.fileNameEncoding().equals(StandardCharsets.UTF_8), "the test JVM must pass UTF-8 bytes");
        Path source = checkpoint();
        Path target = source.resolveSibling("modèle-exporté.ckpt");
        Result r = run(Map.of(), "export", source.toString(), target.toString());
        assertEquals(0, r.code(), r.output());
        assertTrue(Files.isRegularFile(target), r.output());
    }

    @Test
    void whereItCannotRelaunchItSaysWhyInsteadOfDoesNotExist() throws Exception {
        assumeTrue(LocaleArguments.fileNameEncoding().equals(StandardCharsets.UTF_8), "the test JVM must pass UTF-8 bytes");
        Path source = checkpoint();
        // marked as already relaunched: no second relaunch
        Result r = run(Map.of("CONCRETE_EXPLORER_NATIVE_ENV", "1"), "export", source.toString(), dir.resolve("x.ckpt").toString());
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("has characters this locale") && r.output().contains("run with a UTF-8 locale")
                && !r.output().contains("does not exist"), r.output());
        assertFalse(Files.exists(dir.resolve("x.ckpt")));
    }

    @Test
    void argumentsAreRecoveredFromTheRawCommandLine() throws IOException {
        Path cmdline = dir.resolve("cmdline");
        Files.write(cmdline, "java\0-cp\0x\0Main\0export\0/tmp/mod\u00e8le\0\0".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(List.of("export", "/tmp/modèle", "")), LocaleArguments.recover(cmdline, 3));
        Files.write(cmdline, new byte[] {'a', 0, (byte) 0xff, 0});
        assertEquals(Optional.empty(), LocaleArguments.recover(cmdline, 1), "not UTF-8: nothing to recover");
        assertEquals("6d6f64c3a86c65..", LocaleArguments.encode(List.of("modèle", "")));
        assertEquals(Optional.of("a\uFFFDb"), LocaleArguments.unrepresentable(new String[] {"ok", "a\uFFFDb"}));
    }
}
