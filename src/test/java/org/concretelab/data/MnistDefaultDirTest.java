package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MnistDefaultDirTest {

    @Test
    void theProjectJarUsesTheProjectsDataFolder() {
        assertEquals(Path.of("data/mnist"), MnistFiles.defaultDir(null, false, "/x/share", "/home/u"));
    }

    @Test
    void theInstalledAppUsesTheUsersDataFolder() {
        assertEquals(Path.of("/home/u/.local/share/concrete-explorer/mnist"), MnistFiles.defaultDir(null, true, null, "/home/u"));
        assertEquals(Path.of("/x/share/concrete-explorer/mnist"), MnistFiles.defaultDir(null, true, "/x/share", "/home/u"));
        // a relative XDG_DATA_HOME is invalid by the XDG spec
        assertEquals(Path.of("/home/u/.local/share/concrete-explorer/mnist"), MnistFiles.defaultDir(null, true, "rel", "/home/u"));
    }

    @Test
    void theSystemPropertyWinsEverywhere() {
        assertEquals(Path.of("/d/m"), MnistFiles.defaultDir("/d/m", true, "/x/share", "/home/u"));
        assertEquals(Path.of("/d/m"), MnistFiles.defaultDir("/d/m", false, null, "/home/u"));
    }
}
