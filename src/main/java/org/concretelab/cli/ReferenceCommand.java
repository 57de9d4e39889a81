package org.concretelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.concretelab.data.DataFileException;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.reference.GaussianVaeNetwork;
import org.concretelab.reference.GaussianVaeScorer;
import org.concretelab.reference.ReferenceFileException;
import org.concretelab.model.PaperDefaults;
import org.concretelab.reference.ReferenceFiles;
import org.concretelab.reference.ReferenceTraining;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.IoProblems;
import org.concretelab.train.RunFolder;
import org.concretelab.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reference train|eval}: issue 14's reference row, a VAE with continuous (Gaussian, reparameterised) latents
 * built from DeepLearning4J's own VariationalAutoencoder layer, on the project's data protocol. A subcommand of its own
 * because nothing of {@code train}/{@code eval} carries over: not the model options (--arch, --latent, λ, m,
 * --estimator), not the checkpoint format, not the resumable run folder.
 */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = {"The reference row: a Gaussian-latent VAE from DeepLearning4J's own layer.",
            "DL4J's VariationalAutoencoder, trained (reference train) and scored",
            "(reference eval) on this project's MNIST protocol."},
        subcommands = {ReferenceCommand.Train.class, ReferenceCommand.Eval.class})
public final class ReferenceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** DL4J logs every pretraining epoch at INFO ("Starting unsupervised training on layer 0"); we print our own line. */
    static void quietDl4jLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.deeplearning4j") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j", "warn");
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train the DL4J Gaussian-latent VAE (the reference row) on MNIST.",
                "784-H-H-(N Gaussian)-H-H-784 tanh, Bernoulli pixels, trained with DL4J's",
                "MultiLayerNetwork.pretrainLayer; dynamic binarization, Adam. Prints the layer's",
                "score (negative ELBO per image) and a validation NLL per epoch; writes",
                ReferenceFiles.FILE_NAME + " (after every epoch, atomically) and epochs.csv into --out."})
    public static final class Train implements Callable<Integer> {

        @Option(names = "--gaussian-units", description = "Gaussian latent units, the layer's nOut (default: ${DEFAULT-VALUE})")
        int gaussianUnits = GaussianVaeNetwork.DEFAULT_LATENTS;

        @Option(names = "--hidden", description = "width of the two tanh layers of encoder and decoder (default: ${DEFAULT-VALUE})")
        int hidden = GaussianVaeNetwork.DEFAULT_HIDDEN;

        @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})")
        int epochs = 10;

        @Option(names = "--batch", description = "minibatch size (default: ${DEFAULT-VALUE})")
        int batch = PaperDefaults.BATCH;

        @Option(names = "--lr", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
        double learningRate = PaperDefaults.LEARNING_RATE;

        @Option(names = "--seed", description = "seed of weights, shuffling, binarization and noise (default: ${DEFAULT-VALUE})")
        long seed = 1;

        @Option(names = "--train-limit", description = "use only the first N training images (0 = all 50,000)")
        int trainLimit = 0;

        @Option(names = "--val-limit", description = "validation images scored per epoch (0 = none; default: ${DEFAULT-VALUE})")
        int validationLimit = PaperDefaults.VALIDATION_IMAGES;

        @Option(names = "--val-samples", description = "importance samples of the per-epoch validation NLL (default: ${DEFAULT-VALUE})")
        int validationSamples = PaperDefaults.VALIDATION_SAMPLES;

        @Option(names = "--out", description = "output folder (default: a new runs/dl4j-<date-time>)")
        Path out;

        @Option(names = "--overwrite", description = "replace the model and log a previous reference run left in --out")
        boolean overwrite;

        @Option(names = "--data", description = "MNIST folder (default: ${DEFAULT-VALUE})")
        Path dataDir = MnistFiles.defaultDir();

        @Option(names = "--quiet", description = "no progress bar; one line per epoch")
        boolean quiet;

        @Override
        public Integer call() throws InterruptedException {
            String bad = badOption();
            if (bad != null) {
                System.err.println("error: " + bad);
                return 2;
            }
            quietDl4jLogs();
            MnistSplits data;
            try {
                data = MnistSplits.load(dataDir);
            } catch (DataFileException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            Path dir;
            try {
                dir = out != null ? out : RunFolder.createUnique(Path.of("runs"), "dl4j-");
                String refusal = prepare(dir);
                if (refusal != null) {
                    System.err.println("error: " + refusal);
                    return 2;
                }
            } catch (RuntimeException | IOException e) {
                System.err.println("error: cannot use " + (out != null ? out : "runs/") + " as the output folder (--out): "
                        + IoProblems.reason(e));
                return 1;
            }
            Path model = dir.resolve(ReferenceFiles.FILE_NAME);
            Path log = dir.resolve("epochs.csv");
            ReferenceTraining.Options o = new ReferenceTraining.Options(gaussianUnits, hidden, batch, epochs, learningRate, seed,
                    trainLimit, validationLimit, validationSamples);
            ReferenceTraining training = new ReferenceTraining(o, data);
            System.out.printf(Locale.ROOT, "Training %s%n", training.describe());
            System.out.printf(Locale.ROOT, "Adam lr %.3g, batch %d, %d epochs, seed %d, dynamic binarization, %s%n", learningRate,
                    batch, epochs, seed, data.describe(trainLimit));
            System.out.println("Objective: the layer's score, the negative ELBO per image (one reparameterised sample); "
                    + (validationLimit == 0 ? "no validation" : String.format(Locale.ROOT,
                    "validation: importance-sampled NLL of %,d validation images, k = %d",
                    data.validation().limit(validationLimit).size(), validationSamples)));
            System.out.println("Output: " + model.toAbsolutePath());
            int perEpoch = (training.trainImages() + batch - 1) / batch;
            ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("reference").setInitialMax((long) epochs * perEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
            double[] running = {Double.NaN};
            CountDownLatch done = new CountDownLatch(1);
            boolean[] interrupted = {false};
            Thread hook = new Thread(() -> { // Ctrl+C or SIGTERM: finish the step, save, say so
                interrupted[0] = true;
                training.stop();
                try {
                    done.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "reference-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            int exit = 0;
            try {
                training.run(model, new ReferenceTraining.Listener() {
                    @Override
                    public void step(long step, double score) {
                        running[0] = Double.isNaN(running[0]) ? score : 0.98 * running[0] + 0.02 * score;
                        if (bar != null) {
                            bar.stepTo(step);
                            bar.setExtraMessage(String.format(Locale.ROOT, "-ELBO %.2f", running[0]));
                        }
                    }

                    @Override
                    public void epoch(ReferenceTraining.Epoch e) {
                        String line = String.format(Locale.ROOT, "epoch %d/%d  step %d  score (-ELBO) %.2f  validation: NLL %s"
                                        + "  ELBO %s  (%.0f s + %.0f s validation)", e.epoch(), epochs, e.steps(), e.meanScore(),
                                Double.isNaN(e.validationNll()) ? "–" : String.format(Locale.ROOT, "%.2f", e.validationNll()),
                                Double.isNaN(e.validationElbo()) ? "–" : String.format(Locale.ROOT, "%.2f", e.validationElbo()),
                                e.seconds(), e.validationSeconds());
                        if (bar != null) {
                            bar.pause();
                            System.out.println();
                            System.out.println(line);
                            bar.resume();
                        } else {
                            System.out.println(line);
                        }
                        appendLog(log, e);
                    }
                });
            } catch (ReferenceTraining.TrainingFailedException e) {
                System.err.println();
                System.err.println("error: " + e.getMessage());
                exit = 3;
            } catch (ReferenceFileException e) {
                System.err.println();
                System.err.println("error: " + e.getMessage());
                exit = 3;
            } finally {
                if (bar != null) {
                    bar.close();
                }
                String how = (training.stopped() ? "stopped" : exit == 0 ? "finished" : "failed") + " at step " + training.step()
                        + " (" + training.epochsDone() + " of " + epochs + " epochs)";
                System.out.println(how + (Files.exists(model) ? "; model: " + model.toAbsolutePath()
                        + "; score it with: reference eval " + model : "; no model was written"));
                System.out.flush();
                done.countDown();
            }
            if (!interrupted[0]) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
            return exit;
        }

        private String badOption() {
            String bad = OptionChecks.first(
                    OptionChecks.atLeast("--gaussian-units", gaussianUnits, 1),
                    OptionChecks.atLeast("--hidden", hidden, 1),
                    OptionChecks.atLeast("--epochs", epochs, 1),
                    OptionChecks.atLeast("--batch", batch, 1),
                    !(learningRate > 0) || !Double.isFinite(learningRate) ? "--lr must be a positive number, was " + learningRate : null,
                    OptionChecks.zeroOrPositive("--train-limit", trainLimit, "all images", "images"),
                    OptionChecks.zeroOrPositive("--val-limit", validationLimit, "no validation", "images"),
                    OptionChecks.atLeast("--val-samples", validationSamples, 1));
            if (bad != null) {
                return bad;
            }
            long params = (long) ImageSet.PIXELS * hidden * 2 + (long) hidden * hidden * 2 + (long) hidden * gaussianUnits * 3
                    + (long) hidden * 4 + gaussianUnits * 2L + ImageSet.PIXELS;
            if (params > 100_000_000L) { // weights, gradients and Adam's two moments: 16 bytes a parameter, off the heap
                return String.format(Locale.ROOT, "--gaussian-units %d with --hidden %d make %,d parameters (about %,d MB with "
                        + "gradients and Adam's moments); this reference run is meant for widths like the paper's (200)",
                        gaussianUnits, hidden, params, params * 16 / 1_000_000);
            }
            return null;
        }

        /** Refuses a folder holding an earlier reference run (unless --overwrite); removes temp files of a killed save. */
        private String prepare(Path dir) throws IOException {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
                return "--out " + dir + " is a file, not a folder";
            }
            Files.createDirectories(dir);
            Path model = dir.resolve(ReferenceFiles.FILE_NAME);
            if (Files.exists(model) && !overwrite) {
                return "--out " + dir + " already holds a reference model (" + ReferenceFiles.FILE_NAME + "); give another --out,"
                        + " or add --overwrite to replace it";
            }
            if (Files.exists(dir.resolve(RunFolder.LAST)) || Files.exists(dir.resolve(RunFolder.LOCK))) {
                return "--out " + dir + " holds a run of `train` (" + RunFolder.LAST + " or " + RunFolder.LOCK + "); give the"
                        + " reference run a folder of its own";
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(ReferenceFiles.FILE_NAME) && name.endsWith(".tmp")) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            if (overwrite) {
                Files.deleteIfExists(model);
            }
            Files.writeString(dir.resolve("epochs.csv"), "epoch,step,train_neg_elbo,val_nll,val_elbo,train_seconds\n");
            return null;
        }

        private static void appendLog(Path log, ReferenceTraining.Epoch e) {
            try {
                Files.writeString(log, String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.3f%n", e.epoch(), e.steps(),
                        e.meanScore(), e.validationNll(), e.validationElbo(), e.seconds()), StandardOpenOption.APPEND);
            } catch (IOException ex) {
                System.err.println("warning: could not append to " + log + ": " + IoProblems.reason(ex));
            }
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Score a reference model (" + ReferenceFiles.FILE_NAME + ") on MNIST test.",
                "Test images binarized once with the evaluation seed. Prints the importance-",
                "sampled NLL (k samples of q(z|x)), the ELBO, and DL4J's own",
                "reconstructionLogProbability: the mean over k posterior samples of",
                "log p(x|z), the ELBO's reconstruction term - not a likelihood."})
    public static final class Eval implements Callable<Integer> {

        @Parameters(index = "0", description = "model file (" + ReferenceFiles.FILE_NAME + ")")
        Path file;

        @Option(names = {"-k", "--k"}, description = "importance samples per image (default: ${DEFAULT-VALUE})")
        int k = 1000;

        @Option(names = "--limit", description = "score only the first N images (0 = all 10,000)")
        int limit = 0;

        @Option(names = "--split", description = "test or validation (default: ${DEFAULT-VALUE})")
        String split = "test";

        @Option(names = "--recon-k", description = "samples of DL4J's reconstructionLogProbability (default: -k; 0 = skip it)")
        Integer reconK;

        @Option(names = "--seed", description = "noise seed (default: ${DEFAULT-VALUE})")
        long seed = 1;

        @Option(names = "--data", description = "MNIST folder (default: ${DEFAULT-VALUE})")
        Path dataDir = MnistFiles.defaultDir();

        @Override
        public Integer call() {
            String bad = OptionChecks.first(
                    OptionChecks.atLeast("-k", k, 1),
                    OptionChecks.zeroOrPositive("--limit", limit, "all images", "images"),
                    reconK == null ? null : OptionChecks.zeroOrPositive("--recon-k", reconK, "skip", "samples"));
            if (bad != null) {
                System.err.println("error: " + bad);
                return 2;
            }
            if (!split.equals("test") && !split.equals("validation")) {
                System.err.println("error: --split must be test or validation, was '" + split + "'");
                return 2;
            }
            quietDl4jLogs();
            ReferenceFiles.Loaded loaded;
            ImageSet set;
            try {
                loaded = ReferenceFiles.load(file);
            } catch (ReferenceFileException e) {
                System.err.println("error: " + e.getMessage() + ownCheckpointHint());
                return 1;
            }
            try {
                MnistSplits data = MnistSplits.load(dataDir);
                set = split.equals("validation") ? data.validation() : data.test();
            } catch (DataFileException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            int rows = set.limit(limit).size();
            float[] images = MinibatchIterator.fixedBinarized(set.limit(limit), Trainer.EVALUATION_SEED);
            System.out.println(loaded.describe());
            ReferenceFiles.Record r = loaded.record();
            if (r != null) {
                System.out.printf(Locale.ROOT, "trained %d epochs (%,d steps) on %,d images, %s binarization, batch %d, Adam lr %.3g,"
                        + " seed %d%n", r.epochs(), r.steps(), r.trainImages(), r.binarization(), r.batchSize(), r.learningRate(), r.seed());
            } else {
                System.out.println("(a DL4J model file without the training record `reference train` writes)");
            }
            System.out.printf(Locale.ROOT, "on %,d %s images, k = %d%n", rows, split, k);
            GaussianVaeScorer scorer = loaded.scorer();
            int recon = reconK == null ? k : reconK;
            long start = System.nanoTime();
            GaussianVaeScorer.Scores s;
            double reconNll = Double.NaN;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(recon > 0 ? 2L * rows : rows)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
                s = scorer.score(images, rows, k, seed, bar::stepTo);
                if (recon > 0) {
                    reconNll = scorer.layerReconstructionNll(images, rows, recon, seed, done -> bar.stepTo(rows + done));
                }
            }
            if (!Double.isFinite(s.nll()) || !Double.isFinite(s.elbo())) {
                System.err.printf(Locale.ROOT, "error: %s gives non-finite scores (NLL %s, ELBO %s); the model is unusable%n",
                        file, s.nll(), s.elbo());
                return 3;
            }
            System.out.printf(Locale.ROOT, "%-32s %.2f nats   (importance-sampled, k samples of q(z|x))%n",
                    String.format(Locale.ROOT, "%s NLL (k=%d):", split, k), s.nll());
            System.out.printf(Locale.ROOT, "%-32s %.2f nats   (mean of the k log-weights)%n", split + " ELBO:", s.elbo());
            if (recon > 0) {
                System.out.printf(Locale.ROOT, "%-32s %.2f nats   (-mean of DL4J's reconstructionLogProbability(x, %d): "
                        + "E_q[-log p(x|z)], the ELBO's reconstruction term without its KL; not an NLL)%n",
                        "reconstruction term:", reconNll, recon);
            }
            System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - start) / 1e9);
            return 0;
        }

        /** A project checkpoint given here by mistake: say which command scores it. */
        private String ownCheckpointHint() {
            try {
                Checkpoints.load(file);
                return "; " + file + " is a checkpoint of this project's own models: score it with `eval " + file + "`";
            } catch (RuntimeException e) { // CheckpointException among them: not ours either
                return "";
            }
        }
    }
}
