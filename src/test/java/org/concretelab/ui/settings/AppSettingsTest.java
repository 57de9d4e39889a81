package org.concretelab.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {
    private final AppSettings s = AppSettings.inMemory();

    @Test
    void badStoredValuesFallBackSilently() {
        s.put("n", "12x");
        s.put("d", "NaN");
        s.put("b", "yes");
        assertEquals(7, s.getInt("n", 7));
        assertEquals(7, s.getInt("missing", 7));
        assertEquals(0.5, s.getDouble("d", 0.5));
        assertTrue(s.getBoolean("b", true));
        s.put("n", " 42 ");
        assertEquals(42, s.getInt("n", 7));
    }

    @Test
    void aFolderIsRememberedOnlyWhileItExists(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("exports"));
        s.put("f", dir.toString());
        assertEquals(Optional.of(dir), s.getFolder("f"));
        Files.delete(dir);
        assertEquals(Optional.empty(), s.getFolder("f"));
        s.put("f", "\u0000bad");
        assertEquals(Optional.empty(), s.getFolder("f"));
    }

    @Test
    void recentFilesAreMostRecentFirstBoundedAndDropMissingOnes(@TempDir Path tmp) throws Exception {
        RecentFiles recent = new RecentFiles(s, "recent", 8);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path f = Files.writeString(tmp.resolve(i + ".ckpt"), "x");
            files.add(f);
            recent.add(f);
        }
        List<Path> listed = recent.list();
        assertEquals(8, listed.size());
        assertEquals(files.get(9), listed.get(0));
        recent.add(files.get(5));
        assertEquals(files.get(5), recent.list().get(0));
        assertEquals(8, recent.list().size(), "no duplicates");
        Files.delete(files.get(9));
        assertFalse(recent.list().contains(files.get(9)));
        // a new store reading the same settings sees the same list: the next launch
        assertEquals(recent.list(), new RecentFiles(s, "recent", 8).list());
    }
}
