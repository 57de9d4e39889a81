package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.concretelab.data.MnistFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {

    @Test
    void goodFolderVerifiesAndShowsTheSplit() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(out, "data", "--dir", MnistFiles.defaultDir().toString()));
        assertTrue(out.toString().contains("SHA-256 ok") && out.toString().contains("50,000 / 10,000 / 10,000"), out.toString());
    }

    @Test
    void emptyFolderFailsWithAdvice(@TempDir Path empty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, CliRun.run(out, "data", "--dir", empty.toString()));
        assertTrue(out.toString().contains("missing") && out.toString().contains("--fetch"), out.toString());
        // says where it looked and how to fill that folder
        assertTrue(out.toString().contains("no MNIST in " + empty.toAbsolutePath())
                && out.toString().contains("data --fetch --dir " + empty.toAbsolutePath()), out.toString());
    }

    @Test
    void helpListsSubcommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(out, "--help"));
        assertTrue(out.toString().contains("data"), out.toString());
    }
}
