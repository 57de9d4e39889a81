package org.concretelab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistFiles;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.PaperResults;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunLog;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingEvent;
import org.concretelab.train.TrainingOptions;

/**
 * Results roots for tests, written through the sweep's own API: job folders with a checkpoint (an untrained model of
 * the job's spec), curves, a train log and a result, as a sweep leaves them; and a real tiny sweep (child JVMs,
 * {@link JobRunner}) for the tests that want one.
 */
public final class ResultsRootFixture {
    private ResultsRootFixture() {
    }

    /** The paper's binary model of {@code arch} at m = {@code samples} with {@code estimator}, density estimation. */
    public static ModelSpec paperSpec(Architecture arch, int samples, String estimator) {
        return new ModelSpec(arch, LatentKind.BINARY, PaperDefaults.UNITS, 2, 0, PaperDefaults.HIDDEN,
                PaperDefaults.lambdaPosterior(LatentKind.BINARY), PaperDefaults.lambdaPrior(LatentKind.BINARY), samples,
                PaperDefaults.LEARNING_RATE, estimator);
    }

    /** The job of these grid options (keys as the sweep writes them: arch, samples, estimator). */
    public static SweepJob job(Architecture arch, int samples, String estimator) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("arch", arch.label());
        options.put("samples", Integer.toString(samples));
        options.put("estimator", estimator);
        return new SweepJob(options, 1);
    }

    /**
     * A small model (200H~784V-shaped, 8 units) trained one epoch with the EMA centring of builds before 2026-12-07 12:50
     * UTC, saved as {@code file}: a folder a sweep of this build refuses.
     */
    public static void oldCentringCheckpoint(Path file) throws IOException {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16,
                2.0 / 3, 0.5, 1, 1e-3).withCentring(org.concretelab.model.Centring.EVERY_READER);
        TrainingOptions options = new TrainingOptions(spec, 20, 1, 1, Binarization.DYNAMIC, 200, 40, 5, null, 0, 0, 0,
                org.concretelab.train.Protocol.PROJECT);
        Checkpoints.save(file, new TrainingCheckpoint(options, VaeModels.create(spec, 1).state(), 10, 1, 10));
    }

    /**
     * A job's folder as a sweep leaves a model trained {@code trained} of {@code asked} epochs: last.ckpt, training.csv
     * and epochs.csv, train.log; no result.
     */
    public static Path trained(Path root, SweepJob job, ModelSpec spec, int trained, int asked) throws IOException {
        Path dir = Files.createDirectories(root.resolve(job.id()));
        TrainingOptions o = new TrainingOptions(spec, 100, asked, job.seed(), Binarization.DYNAMIC, 500, 100, 5, null, 0);
        long steps = 5L * trained;
        Checkpoints.save(dir.resolve("last.ckpt"), new TrainingCheckpoint(o, VaeModels.create(spec, job.seed()).state(), steps,
                trained, 0));
        try (RunLog log = RunLog.open(dir, "relaxed_elbo")) {
            for (int e = 0; e < trained; e++) {
                for (int s = 1; s <= 5; s++) {
                    long step = 5L * e + s;
                    log.step(step, e, -300 + 10 * step, -310 + 10 * step, 1000);
                }
                Map<String, Double> scores = new LinkedHashMap<>();
                for (String column : RunLog.EPOCH_COLUMNS.subList(2, RunLog.EPOCH_COLUMNS.size())) {
                    scores.put(RunLog.metricKey(column), -250.0 + 10 * e);
                }
                log.epoch(new TrainingEvent.Epoch(e, 5L * (e + 1), scores));
            }
        }
        Files.writeString(dir.resolve(JobRunner.LOG), "Training " + spec.describe() + "\n");
        Files.writeString(dir.resolve(JobRunner.TRAIN_SECONDS), Double.toString(12.5 * trained));
        return dir;
    }

    /** A job done: trained {@code epochs} epochs and scored {@code nll} (k = 50 on 500 images). */
    public static JobResult done(Path root, SweepJob job, ModelSpec spec, int epochs, double nll) throws IOException {
        Path dir = trained(root, job, spec, epochs, epochs);
        JobResult r = new JobResult(job.id(), JobResult.Status.DONE, spec.describe(), nll,
                PaperResults.testNll(spec).orElse(Double.NaN), 50, 500, epochs, 12.5 * epochs, 3.0, "");
        r.write(dir);
        return r;
    }

    /** A job train refused: its folder holds the result and the log only. */
    public static JobResult invalid(Path root, SweepJob job, String why) throws IOException {
        Path dir = Files.createDirectories(root.resolve(job.id()));
        Files.writeString(dir.resolve(JobRunner.LOG), "error: " + why + "\n");
        JobResult r = JobResult.notDone(job.id(), JobResult.Status.INVALID, why, 0.8);
        r.write(dir);
        return r;
    }

    /** A job that failed after some training. */
    public static JobResult failed(Path root, SweepJob job, ModelSpec spec, String why) throws IOException {
        Path dir = trained(root, job, spec, 1, 3);
        JobResult r = JobResult.notDone(job.id(), JobResult.Status.FAILED, why, 12.5);
        r.write(dir);
        return r;
    }

    /** Makes every file of {@code dir} look last written an hour ago (a job nobody has touched since). */
    public static void age(Path dir) throws IOException {
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    /**
     * A Table 1 root as a finished sweep leaves it (results.csv and results.md written): the four architectures at m = 1
     * with Concrete and NVIL, 200H~784V at m = 5 with Concrete and VIMCO, VIMCO at m = 1 invalid and 200H-784V at m = 5 with
     * VIMCO failed: 15 jobs (10 done, 4 invalid, 1 failed).
     */
    public static SweepSpec table1(Path root) throws IOException {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        grid.put("arch", List.of("200H-784V", "200H-200H-784V", "200H~784V", "200H~200H~784V"));
        grid.put("samples", List.of("1"));
        grid.put("estimator", List.of("concrete", "nvil", "vimco"));
        SweepSpec spec = new SweepSpec(grid, 2, 50, 500, List.of(1L));
        List<SweepJob> jobs = new ArrayList<>(spec.jobs());
        List<JobResult> results = new ArrayList<>();
        double nll = 100;
        for (SweepJob j : spec.jobs()) {
            Architecture a = Architecture.parse(j.options().get("arch"));
            String estimator = j.options().get("estimator");
            if (estimator.equals("vimco")) {
                results.add(invalid(root, j, "-m/--samples: samples must be at least 2 for the vimco estimator, was 1"));
            } else {
                results.add(done(root, j, paperSpec(a, 1, estimator), 2, nll));
                nll += 1.5;
            }
        }
        for (String estimator : List.of("concrete", "vimco")) {
            SweepJob j = job(Architecture.NONLINEAR_ONE, 5, estimator);
            jobs.add(j);
            results.add(done(root, j, paperSpec(Architecture.NONLINEAR_ONE, 5, estimator), 2, estimator.equals("vimco") ? 99 : 98));
        }
        SweepJob broken = job(Architecture.LINEAR_ONE, 5, "vimco");
        jobs.add(broken);
        results.add(failed(root, broken, paperSpec(Architecture.LINEAR_ONE, 5, "vimco"), "the trained model scores a non-finite NLL"));
        Map<String, List<String>> wide = new LinkedHashMap<>();
        wide.put("arch", grid.get("arch"));
        wide.put("samples", List.of("1", "5"));
        wide.put("estimator", grid.get("estimator"));
        SweepSpec written = new SweepSpec(wide, 2, 50, 500, List.of(1L));
        ResultsTable.write(root, written, jobs, results);
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                age(d);
            }
        }
        return written;
    }

    /**
     * A real tiny sweep run in {@code root}: two jobs of 8 and 16 binary units, trained for one epoch in child JVMs on
     * 200 images and scored at k = 5 on 100 test images, and the table written, as the sweep command does it.
     */
    public static List<JobResult> tinySweep(Path root) throws IOException, InterruptedException {
        SweepSpec spec = SweepSpec.parse("""
                units: 8, 16
                hidden: 16
                batch: 20
                train-limit: 200
                val-limit: 40
                val-samples: 5
                epochs: 1
                eval-k: 5
                eval-limit: 100
                """, "tiny.sweep", option -> true);
        List<SweepJob> jobs = spec.jobs();
        JobRunner runner = new JobRunner(root, spec, MnistFiles.defaultDir(), JobRunner.thisJvm("org.concretelab.Main"));
        List<JobResult> results = new LocalEngine(2).run(jobs, runner, line -> { });
        ResultsTable.write(root, spec, jobs, results);
        return results;
    }
}
