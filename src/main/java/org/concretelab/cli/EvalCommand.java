package org.concretelab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concretelab.metrics.ActiveUnits;
import org.concretelab.metrics.ImportanceSampledNll;
import org.concretelab.metrics.Metric;
import org.concretelab.metrics.Metrics;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.concretelab.data.DataFileException;
import org.concretelab.data.ImageSet;
import org.concretelab.data.Dataset;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.task.Tasks;
import org.concretelab.sweep.CostEstimate;
import org.concretelab.sweep.CostModel;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Evaluation;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eval}: scores a checkpoint on the test set with the discrete graph, as the paper does. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a checkpoint on MNIST test (fixed binarization): relaxed ELBO, discrete ELBO and the",
            "importance-sampled NLL with k discrete posterior samples. A completion model: the bounds and the NLL of",
            "each digit's bottom half given its top half, -log (1/k) Σ_j p(bottom | z_j), z_j ~ p(z | top)."})
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "checkpoint file (.ckpt)")
    Path checkpoint;

    @Option(names = {"-k", "--k"}, description = "importance samples per image (default: ${DEFAULT-VALUE})")
    int k = 1000;

    @Option(names = "--limit", description = "score only N images (0 = all 10,000)")
    int limit = 0;

    @Option(names = "--offset", description = "skip the first N images, a multiple of " + EvalCommand.CHUNK
            + " (to split a long evaluation over processes)")
    int offset = 0;

    @Option(names = "--split", description = "test or validation (default: ${DEFAULT-VALUE})")
    String split = "test";

    @Option(names = "--threads", description = "images scored in parallel, one model copy per thread (default: the "
            + "machine's cores, ${DEFAULT-VALUE}); the result is the same for any number")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--dataset", completionCandidates = DataCommand.DatasetNames.class,
            description = "the checkpoint's dataset (default: the one it was trained on, which is the only one accepted)")
    String dataset;

    @Option(names = "--data", description = "the dataset's folder (default: data/<dataset>; `data --dataset NAME` shows it)")
    Path dataDir;

    @Option(names = "--force", description = "score even when the estimated time exceeds "
            + EvalCommand.MAX_HOURS + " hours (a k that large is most likely a typo)")
    boolean force;

    /** Estimated hours beyond which an evaluation is refused without --force (the paper's k = 50,000 run: ~1 h). */
    static final int MAX_HOURS = 3;
    /** From this k on, the progress bar counts importance samples: one image then takes a second or more. */
    static final int SAMPLE_PROGRESS_K = 100_000;

    /** Images per model call (see {@link Evaluation#CHUNK}). */
    static final int CHUNK = Evaluation.CHUNK;

    @Override
    public Integer call() {
        String bad = OptionChecks.first(
                OptionChecks.atLeast("--threads", threads, 1),
                OptionChecks.atLeast("-k", k, 1),
                OptionChecks.zeroOrPositive("--limit", limit, "all images", "images"));
        if (bad != null) {
            System.err.println("error: " + bad);
            return 2;
        }
        if (offset < 0) {
            System.err.println("error: --offset must be 0 or a positive multiple of " + CHUNK + ", was " + offset);
            return 2;
        }
        if (!split.equals("test") && !split.equals("validation")) {
            System.err.println("error: --split must be test or validation, was '" + split + "'");
            return 2;
        }
        if (offset % CHUNK != 0) {
            // each chunk's noise is drawn from one seed in image order: another start gives other noise per image
            System.err.println("error: --offset must be a multiple of " + CHUNK + " (so that each image gets the same"
                    + " noise as in a whole run), was " + offset);
            return 2;
        }
        VaeModel model;
        ImageSet set;
        ImageSet wholeSplit;
        try {
            TrainingCheckpoint cp = Checkpoints.load(checkpoint);
            Dataset d;
            try {
                d = DatasetChoice.forModel(cp.options().dataset(), dataset, checkpoint.toString());
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            model = VaeModels.restore(cp.model());
            MnistSplits data = DatasetChoice.load(d, dataDir);
            wholeSplit = split.equals("validation") ? data.validation() : data.test();
            if (offset < 0 || offset >= wholeSplit.size()) {
                System.err.println("error: --offset must be between 0 and " + (wholeSplit.size() - 1) + ", was " + offset);
                return 2;
            }
            set = wholeSplit.range(offset, wholeSplit.size()).limit(limit);
            System.out.printf(Locale.ROOT, "%s (step %d, epoch %d) on %,d %s images, k = %d%n", cp.options().spec().describe(),
                    cp.step(), cp.epoch(), set.size(), split, k);
            System.out.println(protocolLine(cp.options()));
            System.out.println("Dataset: " + data.describe() + " (train / validation / test), " + d.provenance());
        } catch (CheckpointException | DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + checkpoint + " cannot be evaluated: " + e.getMessage());
            return 1;
        }
        List<VaeModel> workers = Evaluation.workers(model, threads, set.size());
        // the CostModel's one-core rates (the development machine's): refuse what would take absurdly long
        double seconds = (double) set.size() * k * CostModel.scoreSecondsPerSample(model.spec()) / workers.size();
        if (seconds > 60) {
            System.out.println("Estimated time: " + CostEstimate.duration(seconds) + " (from the rates of the machine the"
                    + " README measures; yours may differ)");
        }
        if (seconds > MAX_HOURS * 3600.0 && !force) {
            System.err.printf(Locale.ROOT, "error: -k %,d on %,d image%s would take about %s on %d thread%s; give a smaller"
                    + " -k or --limit (the paper's protocol is -k 50000), or add --force to run it anyway%n", k, set.size(),
                    set.size() == 1 ? "" : "s", CostEstimate.duration(seconds), workers.size(), workers.size() == 1 ? "" : "s");
            return 2;
        }
        // the binarization of image i must not depend on where an evaluation starts (Evaluation binarizes the split)
        float[] images = Evaluation.binarized(wholeSplit, offset, set.size());
        long start = System.nanoTime();
        Map<String, Double> scores;
        boolean bySample = k >= SAMPLE_PROGRESS_K; // progress within an image, so the bar moves and has an ETA
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(bySample ? "eval (samples)" : "eval")
                .setInitialMax(bySample ? (long) set.size() * k : set.size()).setUnit(bySample ? " samples" : "", 1)
                .setUpdateIntervalMillis(bySample ? 500 : 1000)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build()) {
            java.util.concurrent.ScheduledExecutorService poll = null;
            if (bySample) {
                long before = workers.stream().mapToLong(VaeModel::scoredSamples).sum();
                poll = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "eval-progress");
                    t.setDaemon(true);
                    return t;
                });
                poll.scheduleAtFixedRate(() -> bar.stepTo(workers.stream().mapToLong(VaeModel::scoredSamples).sum() - before),
                        500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            try {
                scores = Evaluation.score(workers, images, offset, set.size(), k, seed,
                        done -> bar.setExtraMessage(bySample ? String.format(Locale.ROOT, "%,d/%,d images", done, set.size())
                                : "").stepTo(bySample ? (long) done * k : done));
            } finally {
                if (poll != null) {
                    poll.shutdownNow();
                }
            }
        }
        if (scores.values().stream().anyMatch(v -> !Double.isFinite(v))) {
            // finite parameters can still overflow; a NaN score is no result
            System.err.printf(Locale.ROOT, "error: %s gives non-finite scores (%s); the model is unusable: evaluate an "
                    + "earlier checkpoint%n", checkpoint, scores);
            return 3;
        }
        boolean completion = Tasks.create(model.spec().task()).conditionalPrior();
        for (Metric m : Metrics.standard()) {
            String label = m instanceof ImportanceSampledNll ? String.format(Locale.ROOT, "%s NLL (k=%d)", split, k) : m.label();
            if (completion) { // what each score is for a conditional model of the bottom half
                label = switch (m.key()) {
                    case "relaxed_elbo" -> "relaxed bound (m=1), log p(bottom | z), z relaxed from p(z | top)";
                    case "discrete_elbo" -> "discrete bound (m=1), log p(bottom | z), z ~ p(z | top)";
                    default -> String.format(Locale.ROOT, "%s NLL of the bottom half given the top half, -log (1/k) Σ_j"
                            + " p(bottom | z_j), z_j ~ p(z | top) (k=%d)", split, k);
                };
            }
            System.out.printf(Locale.ROOT, "%-15s %.2f nats%n", label + ":", scores.get(m.key()));
        }
        if (completion && set.size() >= 2) {
            ActiveUnits active = ActiveUnits.of(model, images, set.size());
            System.out.printf(Locale.ROOT, "%-15s %s; active: the probability of a unit of the layer that reads the top half"
                    + " varies over the images by more than %.2g%n", "active units:", active.toString().replace(" units active", ""),
                    ActiveUnits.THRESHOLD);
        } else if (set.size() >= 2) {
            ActiveUnits active = ActiveUnits.of(model, images, set.size());
            System.out.printf(Locale.ROOT, "%-15s %s; active: the posterior mean varies over the images by more than %.2g%n",
                    "active units:", active.toString().replace(" units active", ""), ActiveUnits.THRESHOLD);
            if (active.collapsed()) {
                System.out.println("warning: the model has collapsed: its latents carry (almost) nothing about the images");
            }
        }
        System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /**
     * The protocol a checkpoint was trained under, with what it departs from the paper in (a checkpoint older than the
     * protocol field reads as the project's): every figure eval prints can state it.
     */
    static String protocolLine(TrainingOptions o) {
        ModelSpec s = o.spec();
        return String.format(Locale.ROOT, "Protocol: %s; this run: Adam %.3g%s, batch %d, EMA centring %s, hidden width %d",
                o.protocol().describe(), s.learningRate(),
                o.finalLearningRate() > 0 ? String.format(Locale.ROOT, " → %.3g", o.finalLearningRate()) : "",
                o.batchSize(), centringLabel(s.centring()), s.hiddenUnits());
    }

    private static String centringLabel(org.concretelab.model.Centring c) {
        return switch (c) {
            case OFF -> "off";
            case INFERENCE -> "on";
            case EVERY_READER -> "on (every network reading a stochastic layer, as builds before 2026-12-07 12:50 UTC"
                    + " centred)";
        };
    }
}
