package org.concretelab.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.concretelab.train.RunLog;

/**
 * A line per job whose training moved since the last look ({@code [2/4] …: epoch 2/6, step 350}), every
 * {@code every}, until closed. It reads the jobs' logs in the results root ({@link JobProgress}), so it follows any
 * engine — threads here, Spark executors elsewhere — and stays silent about jobs that are waiting, done or were done
 * before. The engines report starts and outcomes themselves.
 */
public final class ProgressWatch implements AutoCloseable {
    private final Path root;
    private final List<SweepJob> jobs;
    private final int epochs;
    private final Consumer<String> out;
    private final Map<String, Object> seen = new HashMap<>();
    private final Map<String, String> said = new HashMap<>();
    private final Thread thread;

    private ProgressWatch(Path root, List<SweepJob> jobs, int epochs, Consumer<String> out, Duration every) {
        this.root = root;
        this.jobs = List.copyOf(jobs);
        this.epochs = epochs;
        this.out = out;
        look(false); // what is there already (earlier runs of the sweep) is not news
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(every.toMillis());
                    look(true);
                }
            } catch (InterruptedException stop) {
                // closed
            }
        }, "sweep-progress");
        thread.setDaemon(true);
    }

    /** Starts watching; {@code every} zero or negative: a watch that says nothing. */
    public static ProgressWatch start(Path root, List<SweepJob> jobs, int epochs, Duration every, Consumer<String> out) {
        ProgressWatch w = new ProgressWatch(root, jobs, epochs, out, every);
        if (!every.isZero() && !every.isNegative()) {
            w.thread.start();
        }
        return w;
    }

    /** Looks once: a line for each job whose logs changed and whose progress reads differently from its last line. */
    synchronized void look(boolean report) {
        for (int i = 0; i < jobs.size(); i++) {
            SweepJob job = jobs.get(i);
            Path dir = root.resolve(job.id());
            Object files = List.of(stamp(dir.resolve(RunLog.STEPS)), stamp(dir.resolve(RunLog.EPOCHS)));
            if (Objects.equals(seen.put(job.id(), files), files) || !report || Files.exists(dir.resolve(JobResult.FILE))) {
                continue;
            }
            Optional<JobProgress> p = JobProgress.read(dir);
            if (p.isPresent()) {
                String line = p.get().describe(epochs);
                if (!line.equals(said.put(job.id(), line))) {
                    out.accept(job.tag(i, jobs.size()) + ": " + line);
                }
            }
        }
    }

    /** Size and modification time: cheap to read, changed by every flush. */
    private static List<Long> stamp(Path file) {
        try {
            return List.of(Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (java.io.IOException missing) {
            return List.of(-1L, -1L);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
