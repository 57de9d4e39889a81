package org.concretelab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 as a user meets it: the real jar's exit code and output, no stack trace, at once. */
class UserErrorsIT {
    @TempDir
    Path dir;

    private static void assertRefused(JarProcess p, int code, String expected) throws InterruptedException {
        assertEquals(code, p.waitFor(Duration.ofSeconds(90)), p.stdout() + p.stderr());
        String all = p.stdout() + p.stderr();
        assertTrue(p.stderr().contains(expected), all);
        assertFalse(all.contains("Exception") || all.contains("\tat "), all);
    }

    @Test
    void hugeModelIsRefusedAtOnceWithTheFigure() throws Exception {
        try (JarProcess p = JarProcess.start(dir, "train", "--hidden", "100000", "--data", JarProcess.mnistDir().toString(),
                "--out", dir.resolve("run").toString())) {
            assertRefused(p, 2, "this model needs about");
        }
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void exportOntoItsSourceIsRefusedAndTheCheckpointKept() throws Exception {
        Path model = Path.of("assets/models/default.ckpt").toAbsolutePath();
        Path copy = Files.copy(model, dir.resolve("last.ckpt"));
        try (JarProcess p = JarProcess.start(dir, "export", "last.ckpt", "./last.ckpt")) {
            assertRefused(p, 2, "would replace the checkpoint");
        }
        assertEquals(Files.mismatch(model, copy), -1L);
    }
}
