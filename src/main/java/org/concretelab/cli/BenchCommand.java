package org.concretelab.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.concretelab.data.Binarization;
import org.concretelab.data.DataFileException;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.MemoryEstimate;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.platform.NativeEnvironment;
import org.concretelab.train.BatchPrefetch;
import org.concretelab.train.Trainer;
import org.concretelab.model.PaperDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: training throughput of a model on MNIST; the last line is {@code examples/s: N}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training throughput (examples per second) on MNIST: a warm-up, then several timed",
            "runs of a fixed number of steps; prints each run and, last, the median as 'examples/s: N'."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--batch", description = "minibatch size (default: ${DEFAULT-VALUE})")
    int batch = PaperDefaults.BATCH;

    @Option(names = "--steps", description = "steps per timed run (default: ${DEFAULT-VALUE})")
    int steps = 500;

    @Option(names = "--runs", description = "timed runs (default: ${DEFAULT-VALUE})")
    int runs = 5;

    @Option(names = "--warmup", description = "untimed warm-up steps (default: ${DEFAULT-VALUE})")
    int warmup = 300;

    @Option(names = "--sampling", description = "instead: time 10,000 Concrete samples of n = 3 in plain Java (the explorer's cloud)")
    boolean sampling;

    @Option(names = "--decode", description = "instead: time single-code decodes of this checkpoint (the Latents pane's work"
            + " per flip; a completion model: the Complete tab's bottom half after a flip, and a re-sample given a top half)")
    java.nio.file.Path decodeCheckpoint;

    @Option(names = "--gradients", description = "instead: time the Gradients tab's comparison of every estimator on this"
            + " checkpoint (N = 100, 10 test images, the default reference), wall and CPU time of each run")
    java.nio.file.Path gradientsCheckpoint;

    @Option(names = "--eval", description = "instead: time eval's importance-sampled scoring of this checkpoint on the first"
            + " --eval-images test images at -k samples with --threads threads; prints images/s and the projected time of"
            + " the full test set (and at the paper's k = 50,000)")
    java.nio.file.Path evalCheckpoint;

    @Option(names = "--flips", description = "instead: how visible single flips are for this checkpoint (the Latents tab's"
            + " ranking): over the first --flip-images test digits, the median change of the decoded digit from its"
            + " top-ranked flip (mean |Δp| over pixels, pixels crossing 0.5), and the time of one ranking")
    java.nio.file.Path flipsCheckpoint;

    @Option(names = "--gemm", description = "instead: the GEMM bound of this model's training step and of its evaluation at -k"
            + " (the step's own matrix products, recorded, then each shape timed alone with cblas_sgemm on one thread) and"
            + " the fraction of it the step reaches on one thread")
    boolean gemm;

    @Option(names = "--flip-images", description = "with --flips: test digits (default: ${DEFAULT-VALUE})")
    int flipImages = 100;

    @Option(names = "-k", description = "with --eval: importance samples per image (default: ${DEFAULT-VALUE})")
    int evalK = 1000;

    @Option(names = "--eval-images", description = "with --eval: test images per timed run (default: ${DEFAULT-VALUE})")
    int evalImages = 1000;

    @Option(names = "--threads", description = "threads a training step is split over; with --eval: images scored in"
            + " parallel (default: ${DEFAULT-VALUE}, the cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dataset", completionCandidates = DataCommand.DatasetNames.class, description = "the images"
            + " trained on: mnist, fashion-mnist or omniglot (default: mnist; with a checkpoint: its own)")
    String dataset;

    @Option(names = "--data", description = "the dataset's folder (default: data/<dataset>; `data --dataset NAME` shows it)")
    java.nio.file.Path dataDir;

    @Override
    public Integer call() {
        if (sampling) {
            return samplingBench();
        }
        if (decodeCheckpoint != null) {
            return decodeBench(decodeCheckpoint);
        }
        if (gradientsCheckpoint != null) {
            return GradientsBench.run(gradientsCheckpoint, dataDir, dataset, runs);
        }
        if (flipsCheckpoint != null) {
            return FlipsBench.run(flipsCheckpoint, dataDir, dataset, flipImages);
        }
        if (evalCheckpoint != null) {
            return EvalBench.run(evalCheckpoint, dataDir, dataset, evalK, evalImages, threads, runs);
        }
        if (batch < 1 || steps < 1 || runs < 1 || threads < 1 || warmup < 0) {
            System.err.println("error: --batch, --steps, --runs and --threads must be at least 1 and --warmup at least 0");
            return 2;
        }
        if (gemm && evalK < 1) { // before the data are read
            System.err.println("error: -k must be at least 1");
            return 2;
        }
        ModelSpec spec;
        MnistSplits data;
        try {
            spec = model.spec();
            MemoryEstimate.of(spec, batch).requireFits();
            data = DatasetChoice.load(DatasetChoice.named("--dataset", dataset), dataDir);
        } catch (DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + OptionNames.withOption(e));
            return 2;
        }
        if (gemm) {
            return GemmBench.run(spec, data, batch, steps, evalK); // one thread: --threads does not apply
        }
        VaeModel vae = VaeModels.create(spec, 1);
        vae.setThreads(threads);
        MinibatchIterator batches = new MinibatchIterator(data.train(), batch, Binarization.DYNAMIC, 1);
        System.out.printf(Locale.ROOT, "bench: %s, batch %d, %d thread(s), %d warm-up steps, %d runs of %d steps; Java %s, %d cores, OPENBLAS_CORETYPE=%s, OMP_NUM_THREADS=%s%n",
                spec.describe(), batch, threads, warmup, runs, steps, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getenv("OPENBLAS_CORETYPE"), System.getenv("OMP_NUM_THREADS"));
        String preset = System.getenv("OPENBLAS_CORETYPE");
        String best = NativeEnvironment.coreType(NativeEnvironment.cpuFlags()).orElse(null);
        if (preset != null && best != null && !best.equalsIgnoreCase(preset)) {
            // a value in the environment is kept (it may be deliberate), but say what it costs
            System.out.println("note: OPENBLAS_CORETYPE=" + preset + " is set; this CPU supports the faster " + best
                    + " kernels (unset the variable and the launcher picks them: ~1.2x faster here)");
        }
        long[] step = {0};
        double[] rates = new double[runs];
        // the batches as the trainer gets them: binarized on a thread of their own while the step before trains
        try (BatchPrefetch prefetch = new BatchPrefetch(batches, batch)) {
            runSteps(vae, prefetch, batches.batchesPerEpoch(), warmup, step);
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                runSteps(vae, prefetch, batches.batchesPerEpoch(), steps, step);
                double seconds = (System.nanoTime() - start) / 1e9;
                rates[r] = (double) steps * batch / seconds;
                System.out.printf(Locale.ROOT, "run %d: %.0f examples/s (%.2f ms/step)%n", r + 1, rates[r], 1000 * seconds / steps);
            }
        }
        Arrays.sort(rates);
        double median = runs % 2 == 1 ? rates[runs / 2] : (rates[runs / 2 - 1] + rates[runs / 2]) / 2;
        System.out.printf(Locale.ROOT, "examples/s: %.0f%n", median);
        return 0;
    }

    private static int decodeBench(java.nio.file.Path file) {
        VaeModel vae;
        try {
            vae = VaeModels.restore(org.concretelab.train.Checkpoints.load(file).model());
        } catch (org.concretelab.train.CheckpointException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + file + " cannot be decoded: " + e.getMessage());
            return 1;
        }
        org.concretelab.model.task.Task task = org.concretelab.model.task.Tasks.create(vae.spec().task());
        // a completion model has no prior of its own: a draw given an (empty) top half
        float[] code = task.conditionalPrior() ? vae.sampleGiven(new float[task.inputWidth()], 1, 1).code(0) : vae.samplePrior(1);
        double[] ms = new double[1000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = -200; i < ms.length; i++) {
            int unit = r.nextInt(vae.latentLayout().discreteUnits());
            code[unit] = 1 - code[unit]; // one flip, as in the Latents pane (binary layout)
            long start = System.nanoTime();
            vae.decode(code);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "decode of one %s (%s): median %.3f ms, p95 %.3f ms, max %.3f ms over %d flips%n",
                task.conditionalPrior() ? "bottom half" : "code", vae.spec().describe(), ms[ms.length / 2],
                ms[(int) (ms.length * 0.95)], ms[ms.length - 1], ms.length);
        if (task.conditionalPrior()) {
            resampleBench(vae, task.inputWidth());
        }
        return 0;
    }

    /** Draws given one top half: what the Complete tab's Re-sample computes ({@value #RESAMPLE_DRAWS} draws: grid and mean). */
    private static void resampleBench(VaeModel vae, int inputWidth) {
        float[] top = new float[inputWidth];
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        double[] ms = new double[100];
        for (int i = -20; i < ms.length; i++) {
            for (int p = 0; p < top.length; p++) {
                top[p] = r.nextDouble() < 0.15 ? 1f : 0f;
            }
            long start = System.nanoTime();
            vae.sampleGiven(top, RESAMPLE_DRAWS, i);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%d draws given a top half: median %.2f ms, p95 %.2f ms over %d re-samples%n",
                RESAMPLE_DRAWS, ms[ms.length / 2], ms[(int) (ms.length * 0.95)], ms.length);
    }

    /** Draws per re-sample in the Complete tab: its grid and its mean completion. */
    static final int RESAMPLE_DRAWS = 256;

    private static int samplingBench() {
        var rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        var concrete = org.concretelab.distribution.Concrete.of(new double[] {2, 0.5, 1}, 0.5);
        double[] x = new double[3];
        double[] g = new double[3];
        double[] ms = new double[51];
        double sink = 0;
        for (int run = -20; run < ms.length; run++) {
            long start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                sink += concrete.sample(rng, x, g)[0];
            }
            if (run >= 0) {
                ms[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "10,000 Concrete samples (n = 3, plain Java): median %.3f ms, max %.3f ms (checksum %.1f)%n",
                ms[ms.length / 2], ms[ms.length - 1], sink);
        return 0;
    }

    private static void runSteps(VaeModel vae, BatchPrefetch batches, int perEpoch, int n, long[] step) {
        for (int i = 0; i < n; i++) {
            long s = step[0]++;
            float[] buffer = batches.batch((int) (s / perEpoch), (int) (s % perEpoch));
            vae.trainStep(buffer, batches.rows(), Trainer.noiseSeed(1, s));
        }
    }

    /** Steps on batches binarized in line, on this thread (GemmBench: everything a one-thread step does). */
    static void runSteps(VaeModel vae, MinibatchIterator batches, float[] buffer, int n, long[] step) {
        int perEpoch = batches.batchesPerEpoch();
        for (int i = 0; i < n; i++) {
            long s = step[0]++;
            int rows = batches.fill((int) (s / perEpoch), (int) (s % perEpoch), buffer);
            vae.trainStep(buffer, rows, Trainer.noiseSeed(1, s));
        }
    }
}
