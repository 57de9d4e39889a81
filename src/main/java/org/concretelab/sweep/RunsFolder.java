package org.concretelab.sweep;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperResults;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunFolder;
import org.concretelab.train.RunLog;
import org.concretelab.train.TrainingOptions;

/**
 * A folder of training runs (the app's and the CLI's {@code runs/}) read as a results root: one row per run folder (one
 * holding last.ckpt, previous.ckpt or training.csv), its options from its checkpoint's header (the header only: the
 * weights are not read). A run has no test NLL (the sweep's evaluation made that); its state is running (locked, or its
 * files changed lately), done (all its epochs trained) or stopped, with how far it got.
 */
final class RunsFolder {
    private RunsFolder() {
    }

    /** Whether {@code p} is one training run's folder. */
    static boolean isRun(Path p) {
        return Files.isRegularFile(p.resolve(RunFolder.LAST)) || Files.isRegularFile(p.resolve(RunFolder.PREVIOUS))
                || Files.isRegularFile(p.resolve(RunLog.STEPS));
    }

    /** {@code dir} as a root of one row per run, or empty when none of its sub-folders is a run. */
    static Optional<ResultsRoot> read(Path dir, Instant now) throws IOException {
        Map<String, Path> runs = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : entries) {
                if (isRun(p)) {
                    runs.put(p.getFileName().toString(), p);
                }
            }
        }
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        LockTable locks = LockTable.now();
        Set<String> keys = new LinkedHashSet<>();
        List<ResultsRoot.Job> jobs = new ArrayList<>();
        for (Map.Entry<String, Path> e : runs.entrySet()) {
            ResultsRoot.Job job = run(e.getKey(), e.getValue(), locks, now);
            keys.addAll(job.options().keySet());
            jobs.add(job);
        }
        return Optional.of(new ResultsRoot(dir, new ArrayList<>(keys), jobs, false, false, true));
    }

    private static ResultsRoot.Job run(String id, Path folder, LockTable locks, Instant now) {
        Checkpoints.Header header = ResultsRoot.header(folder);
        TrainingOptions o = header == null ? null : header.options();
        ModelSpec spec = o == null ? null : o.spec();
        int trained = header == null ? -1 : header.epoch();
        int asked = o == null ? -1 : o.epochs();
        String progress = trained < 0 ? (Files.exists(folder.resolve(RunFolder.LAST)) ? "its checkpoint cannot be read"
                : "no checkpoint yet") : asked > 0
                ? String.format(Locale.ROOT, "%d of %d epochs", trained, asked) : trained + " epochs";
        ResultsRoot.State state;
        String note;
        Duration idle = ResultsRoot.idle(folder, now, List.of(RunLog.STEPS, RunLog.EPOCHS, RunFolder.LAST));
        boolean allTrained = trained >= 0 && asked > 0 && trained >= asked;
        boolean locked = locks.held(folder.resolve(RunFolder.LOCK));
        // recent writes count as running only while epochs remain: a run that wrote its last checkpoint a minute ago is done
        if (locked || (!allTrained && idle.compareTo(ResultsRoot.ACTIVE) < 0)) {
            state = ResultsRoot.State.RUNNING;
            note = "training (" + progress + ")";
        } else if (allTrained) {
            state = ResultsRoot.State.DONE; // all its epochs trained: "stopped" read as cut short
            note = "trained (" + progress + "); no test NLL: run eval on its checkpoint (a sweep scores its jobs)";
        } else {
            state = ResultsRoot.State.STOPPED;
            note = "stopped (" + progress + ")" + (trained >= 0 ? "; resume it from the Training tab (Load checkpoint)" : "");
        }
        boolean mnist = o == null || o.dataset() == org.concretelab.data.Datasets.MNIST; // the paper's figures are MNIST's
        double paper = spec == null || !mnist ? Double.NaN : PaperResults.testNll(spec).orElse(Double.NaN);
        return new ResultsRoot.Job(id, folder, options(o), o == null ? -1 : o.seed(), state, Double.NaN, 0, 0, trained, asked,
                Double.NaN, paper, spec == null ? "" : spec.describe(), spec, note,
                (o == null ? org.concretelab.data.Datasets.defaultDataset() : o.dataset()).name());
    }

    private static Map<String, String> options(TrainingOptions o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        ModelSpec s = o.spec();
        out.put("arch", s.architecture().label());
        out.put("latent", s.latentKind().name().toLowerCase(Locale.ROOT) + (s.classes() > 2 ? " " + s.classes() : ""));
        out.put("units", Integer.toString(s.discreteUnits()));
        out.put("samples", Integer.toString(s.samples()));
        out.put("estimator", s.estimator());
        out.put("lambda1", number(s.lambdaPosterior()));
        out.put("lambda2", number(s.lambdaPrior()));
        out.put("lr", number(s.learningRate()));
        out.put("batch", Integer.toString(o.batchSize()));
        return out;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(?=$|e)", "");
    }
}
