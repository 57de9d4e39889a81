package org.concretelab.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.Function;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.JobRunner;
import org.concretelab.sweep.SweepJob;
import org.concretelab.sweep.SweepSpec;

/**
 * A task: one job trained (or resumed) and scored by a {@link JobRunner} on the executor that runs it. Paths travel as
 * text (a Path is not serializable); the child {@code train} is started from this executor's java and the jar it
 * loaded this program from.
 */
final class RunJob implements Function<SweepJob, JobResult> {
    private static final long serialVersionUID = 1L;
    /** One runner per sweep in an executor: it reads the test set once for all the jobs the executor scores. */
    private static final Map<List<Object>, JobRunner> RUNNERS = new ConcurrentHashMap<>();

    private final String root;
    private final SweepSpec spec;
    private final String dataDir;

    RunJob(String root, SweepSpec spec, String dataDir) {
        this.root = root;
        this.spec = spec;
        this.dataDir = dataDir;
    }

    @Override
    public JobResult call(SweepJob job) throws Exception {
        return RUNNERS.computeIfAbsent(List.of(root, spec, dataDir), key -> {
            JobRunner r = new JobRunner(Path.of(root), spec, Path.of(dataDir), JobRunner.thisJvm("org.concretelab.Main"));
            // an executor told to stop (the sweep ended or was cancelled) lets its trainings write their checkpoints
            Runtime.getRuntime().addShutdownHook(new Thread(r::stopAll, "sweep-stop"));
            return r;
        }).run(job);
    }
}
