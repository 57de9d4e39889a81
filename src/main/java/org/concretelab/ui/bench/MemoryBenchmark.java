package org.concretelab.ui.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import org.bytedeco.javacpp.Pointer;
import org.concretelab.train.Trainer;
import org.concretelab.ui.ExplorerApp;

/**
 * Where the app's memory goes and whether it gives it back (issue 30): opens the real window and, sampling this
 * JVM's resident set ({@code VmRSS} of /proc/self/status), the Java heap (used / committed) and JavaCPP's native
 * bytes every second, runs the default training for {@code seconds} (default 60), stops it and waits 30 s, then
 * five Start/Stop cycles of 15 s and three gradient comparisons, and waits 30 s again. Prints one line per phase
 * (peak and end) and a verdict against the issue's limits: ≤ 1.5 GB while training, ≤ 1 GB 30 s after Stop, no growth
 * over the cycles. Run under a display (Xvfb): {@code xvfb-run -a java -cp "target/concrete-explorer.jar:target/lib/*"
 * org.concretelab.ui.bench.MemoryBenchmark 60}.
 */
public final class MemoryBenchmark {
    private static final long MB = 1024 * 1024;

    /** One phase's peak and last resident set, heap and native bytes. */
    private static final class Phase {
        final String name;
        long peakRss;
        long rss;
        long heapUsed;
        long heapCommitted;
        long nativeBytes;

        Phase(String name) {
            this.name = name;
        }

        void sample() {
            rss = residentBytes();
            peakRss = Math.max(peakRss, rss);
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            heapUsed = heap.getUsed();
            heapCommitted = heap.getCommitted();
            nativeBytes = Pointer.totalBytes();
        }

        String line() {
            return String.format(Locale.ROOT, "%-36s peak RSS %5d MB  end RSS %5d MB  heap %4d / %4d MB committed  JavaCPP native %4d MB",
                    name, peakRss / MB, rss / MB, heapUsed / MB, heapCommitted / MB, nativeBytes / MB);
        }
    }

    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status (Linux only)", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Samples every second for {@code seconds}, or until {@code done} holds (then at least once). */
    private static Phase phase(String name, double seconds, BooleanSupplier done) throws InterruptedException {
        Phase p = new Phase(name);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            p.sample();
            if (done.getAsBoolean()) {
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < end);
        p.sample();
        System.out.println(p.line());
        return p;
    }

    private static void fx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    private static void train(ExplorerApp app, double seconds) throws InterruptedException {
        fx(() -> app.training().startTraining());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (app.training().trainerProperty().get() == null || app.training().trainerProperty().get().step() < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("training did not start");
            }
            Thread.sleep(100);
        }
    }

    private static void stop(ExplorerApp app) throws InterruptedException {
        Trainer t = app.training().trainerProperty().get();
        fx(() -> app.training().stopTraining());
        if (t != null) {
            t.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        if (org.concretelab.platform.NativeEnvironment.relaunchIfNeeded(MemoryBenchmark.class, args, true)) {
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        System.out.println("JVM: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        ExplorerApp app = BenchWindow.open(1280, 820, stage -> { });
        phase("idle after start (10 s)", 10, () -> false);
        train(app, seconds);
        Phase training = phase("default training (" + seconds + " s)", seconds, () -> false);
        stop(app);
        Phase afterStop = phase("30 s after Stop", 30, () -> false);
        Phase firstCycle = null;
        for (int c = 1; c <= 5; c++) {
            train(app, 15);
            phase("cycle " + c + ": training 15 s", 15, () -> false);
            stop(app);
            Phase stopped = phase("cycle " + c + ": stopped 5 s", 5, () -> false);
            firstCycle = firstCycle == null ? stopped : firstCycle;
        }
        var gradients = app.gradients().viewModel();
        for (int g = 1; g <= 3; g++) {
            Thread.sleep(500);
            fx(gradients::run);
            Thread.sleep(500);
            phase("gradient comparison " + g, 300, () -> !gradients.runningProperty().get());
        }
        Phase end = phase("30 s after all", 30, () -> false);
        // growth: the end against the first Start/Stop cycle's (the first run's JIT, class loading and chart are paid)
        long growth = end.rss - firstCycle.rss;
        boolean ok = training.peakRss <= 1536 * MB && afterStop.rss <= 1024 * MB && growth <= 100 * MB;
        System.out.printf(Locale.ROOT, "verdict: training peak %d MB (limit 1536), 30 s after Stop %d MB (limit 1024),"
                + " 30 s after 5 cycles and 3 comparisons %d MB (%+d MB against the first cycle's end, limit +100): %s%n",
                training.peakRss / MB, afterStop.rss / MB, end.rss / MB, growth / MB, ok ? "within the limits" : "OVER");
        Platform.exit();
        System.exit(0);
    }
}
