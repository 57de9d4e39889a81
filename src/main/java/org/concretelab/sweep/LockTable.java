package org.concretelab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Which files some process holds a lock on, seen without taking one: a reader that tried a lock itself could, for that
 * instant, make a training or a sweep starting in the same folder fail. On Linux the kernel's list of locks
 * ({@code /proc/locks}, inode numbers of every process's locks) says it; elsewhere a run folder's lock file names its
 * holder's process ({@code pid N}), which must still be alive. A lock held on another machine (a cluster's executor)
 * is not seen.
 */
final class LockTable {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");
    /** Inodes of locked files, or null when the kernel's list cannot be read. */
    private final Set<Long> inodes;

    private LockTable(Set<Long> inodes) {
        this.inodes = inodes;
    }

    /** The locks held now. */
    static LockTable now() {
        return new LockTable(read(PROC_LOCKS));
    }

    /** The locks listed in {@code file} (the format of /proc/locks), for tests. */
    static LockTable from(Path file) {
        return new LockTable(read(file));
    }

    private static Set<Long> read(Path file) {
        if (!Files.isReadable(file)) {
            return null;
        }
        try {
            Set<Long> out = new HashSet<>();
            // "1: POSIX  ADVISORY  WRITE 12719 fe:00:2154690 0 EOF": major:minor:inode
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                for (String field : line.trim().split("\\s+")) {
                    String[] parts = field.split(":");
                    if (parts.length == 3 && !parts[2].isEmpty() && parts[2].chars().allMatch(Character::isDigit)) {
                        out.add(Long.parseLong(parts[2]));
                    }
                }
            }
            return out;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Whether a process holds a lock on {@code file}. */
    boolean held(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (inodes != null) {
            try {
                Object ino = Files.getAttribute(file, "unix:ino");
                if (ino instanceof Number n) {
                    return inodes.contains(n.longValue());
                }
            } catch (IOException | RuntimeException noInode) {
                // fall back to the holder's pid
            }
        }
        return holderAlive(file);
    }

    /** The process a lock file names ({@code pid N}, as a run folder's lock file does) is alive. */
    private static boolean holderAlive(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.startsWith("pid ")) {
                long pid = Long.parseLong(text.substring(4).strip());
                return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
        } catch (IOException | RuntimeException unreadable) {
            // no holder named
        }
        return false;
    }
}
