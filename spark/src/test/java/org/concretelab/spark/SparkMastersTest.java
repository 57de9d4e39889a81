package org.concretelab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.concretelab.cli.ExplorerCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master URL is checked before Spark starts: a typo or a master nobody runs is said at once, not after a minute. */
class SparkMastersTest {
    @TempDir
    Path dir;

    @Test
    void localMastersRunTheirThreadsAtATime() {
        assertEquals(1, SparkMasters.localThreads("local"));
        assertEquals(2, SparkMasters.localThreads("local[2]"));
        assertEquals(3, SparkMasters.localThreads("local[3,4]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), SparkMasters.localThreads("local[*]"));
        assertEquals(0, SparkMasters.localThreads("spark://h:7077"));
        SparkMasters.check("local[2]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkMasters.check("local[0]")).getMessage()
                .contains("runs no job at a time"));
    }

    @Test
    void aMalformedUrlIsNamedWithTheFormsThatWork() {
        for (String bad : new String[] {"spark:/127.0.0.1:7077", "localhost:7077", "local[two]"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> SparkMasters.check(bad)).getMessage();
            assertTrue(m.contains("'" + bad + "' is not a Spark master URL") && m.contains("spark://host:port"), m);
        }
        String m = assertThrows(IllegalArgumentException.class, () -> SparkMasters.check("spark://127.0.0.1")).getMessage();
        assertTrue(m.contains("'127.0.0.1' is not host:port"), m);
    }

    @Test
    void anUnreachableMasterIsRefusedFromTheCommandLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { // a port nobody listens on once closed
            port = s.getLocalPort();
        }
        Path file = dir.resolve("one.sweep");
        Files.writeString(file, "units: 8\nepochs: 1\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String master = "spark://127.0.0.1:" + port;
        assertEquals(1, run(log, "sweep", file.toString(), "--root", dir.resolve("r").toString(), "--master", master), log.toString());
        assertTrue(log.toString().contains("error: cannot reach the Spark master at " + master + " (127.0.0.1:" + port + ": "
                + "Connection refused); is it running there?"), log.toString());
        assertEquals(2, run(log, "sweep", file.toString(), "--master", "yarn-cluster"), log.toString());
        assertTrue(log.toString().contains("error: --master 'yarn-cluster' is not a Spark master URL"), log.toString());
        assertTrue(Files.notExists(dir.resolve("r")), "nothing was started");
    }

    private static int run(ByteArrayOutputStream out, String... args) {
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        try (PrintStream p = new PrintStream(out, true)) {
            System.setOut(p);
            System.setErr(p);
            return ExplorerCommand.run(args);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
    }
}
