package org.concretelab.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before Spark starts: Spark itself takes a minute of retries to give up on a standalone
 * master nobody answers at, and names a malformed URL only in a stack trace.
 */
final class SparkMasters {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    private static final int CONNECT_MILLIS = 3000;

    private SparkMasters() {
    }

    /** Jobs at a time of a local master ({@code local}: 1, {@code local[*]}: this machine's cores), or 0 for a cluster. */
    static int localThreads(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return 0;
        }
        String n = m.group(2);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }

    /**
     * Refuses a URL that is no Spark master (IllegalArgumentException) and a standalone master none of whose
     * addresses accepts a connection (IllegalStateException), each saying what to do.
     */
    static void check(String master) {
        if (LOCAL.matcher(master).matches()) {
            if (localThreads(master) < 1) {
                throw new IllegalArgumentException("--master " + master + " runs no job at a time; give local[N] with N ≥ 1");
            }
            return;
        }
        if (master.startsWith("k8s://") || master.equals("yarn")) {
            return; // Spark's own: it needs a spark-submit whose Spark has that support
        }
        Matcher standalone = STANDALONE.matcher(master);
        if (!standalone.matches()) {
            throw new IllegalArgumentException("--master '" + master + "' is not a Spark master URL; give local[N] (this"
                    + " machine, N jobs at a time), spark://host:port (a standalone cluster), k8s://https://host:port or yarn");
        }
        List<String> problems = new ArrayList<>();
        for (String address : standalone.group(1).split(",")) {
            int colon = address.lastIndexOf(':');
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("--master " + master + ": '" + address + "' is not host:port (a standalone"
                        + " master listens on port 7077 unless told otherwise)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address.substring(0, colon), port), CONNECT_MILLIS);
                return; // one master answers: Spark finds the leader
            } catch (IOException e) {
                problems.add(address + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            }
        }
        throw new IllegalStateException("cannot reach the Spark master at " + master + " (" + String.join("; ", problems)
                + "); is it running there? Start it (Spark's sbin/start-master.sh, or see the README's Sweeps), or give"
                + " another --master");
    }
}
