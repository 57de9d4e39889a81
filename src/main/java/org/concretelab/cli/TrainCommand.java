package org.concretelab.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.concretelab.data.Binarization;
import org.concretelab.data.DataFileException;
import org.concretelab.data.Dataset;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.MemoryEstimate;
import org.concretelab.train.CheckpointException;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.ModelDefaults;
import org.concretelab.train.Protocol;
import org.concretelab.train.ResumePolicy;
import org.concretelab.train.RunFolder;
import org.concretelab.train.RunFolderException;
import org.concretelab.train.TrainerState;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingEvent;
import org.concretelab.train.TrainingOptions;
import org.concretelab.model.PaperDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: trains a Concrete VAE with a progress bar, CSV logs and checkpoints. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a discrete-latent VAE on MNIST (the Concrete relaxation, or --estimator), or with --task",
            "completion the paper's conditional model of a digit's bottom half given its top half.",
            "Writes training.csv, epochs.csv and last.ckpt into --out; resume with --resume."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model = new ModelOptions();

    /** Null when not given: the protocol's. */
    @Option(names = "--batch", description = "minibatch size (default: the protocol's: project 100, paper 64)")
    Integer batch;

    @Option(names = "--epochs", description = "epochs in all (default: 100; with --resume: the checkpoint's)")
    Integer epochs;

    @Option(names = "--seed", description = "seed of weights, shuffling, binarization and noise (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--threads", description = "threads that share each training step's blocks (a batch of 100 images is"
            + " cut into 2 blocks at m = 1, 4 at m ≥ 2, whatever the threads): the same seed gives the same run, bit for bit,"
            + " on any number of threads, a resumed run too (default: ${DEFAULT-VALUE}, the cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--binarization", description = "dynamic or fixed (default: ${DEFAULT-VALUE})")
    String binarization = "dynamic";

    @Option(names = "--train-limit", description = "use only the first N training images (0 = all 50,000)")
    int trainLimit = 0;

    @Option(names = "--val-limit", description = "validation images scored per epoch (0 = all 10,000; default: ${DEFAULT-VALUE})")
    int validationLimit = PaperDefaults.VALIDATION_IMAGES;

    @Option(names = "--val-samples", description = "importance samples of the per-epoch validation NLL (default: ${DEFAULT-VALUE})")
    int validationSamples = PaperDefaults.VALIDATION_SAMPLES;

    @Option(names = "--lr-final", description = "decay the learning rate exponentially to this value at the last step (0 = constant)")
    double finalLearningRate = 0;

    @Option(names = "--anneal", description = "anneal both temperatures exponentially to this factor of λ1, λ2 at the last step (e.g. 0.5; 0 = constant)")
    double finalTemperatureFactor = 0;

    @Option(names = "--kl-warmup", description = "raise the KL weight linearly from 0 to 1 over this many steps "
            + "(0 = none; default: 0 for binary latents, " + PaperDefaults.CATEGORICAL_KL_WARMUP + " for categorical and "
            + "corner latents, whose many units otherwise collapse in the first steps)")
    Integer klWarmup;

    @Option(names = "--out", description = "output folder (default: a new runs/<date-time>; with --resume: the checkpoint's folder)")
    Path out;

    @Option(names = "--resume", description = "continue from this checkpoint (its model options win)")
    Path resume;

    @Option(names = "--overwrite", description = "start a new run even if --out holds one (its checkpoints and logs are deleted)")
    boolean overwrite;

    @Option(names = "--dataset", completionCandidates = DataCommand.DatasetNames.class,
            description = "mnist, fashion-mnist or omniglot (default: mnist; with --resume: the checkpoint's)")
    String dataset;

    @Option(names = "--data", description = "the dataset's folder (default: data/<dataset>; `data --dataset NAME` shows it)")
    Path dataDir;

    @Option(names = "--quiet", description = "no progress bar; one line per epoch")
    boolean quiet;

    @Spec
    CommandSpec command;

    /**
     * The setting (ModelSpec/TrainingOptions component) each option sets, in the order refusals list them; which
     * ones a resumed run may change is {@link ResumePolicy}'s rule.
     */
    static final Map<String, String> SETTINGS = settings();

    /** Options that steer this command rather than set the run (the resume policy has nothing to say about them). */
    static final Set<String> NOT_SETTINGS = Set.of("--threads", "--out", "--resume", "--overwrite", "--data", "--quiet");

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--task", "task");
        m.put("--arch", "architecture");
        m.put("--latent", "latentKind");
        m.put("--units", "discreteUnits");
        m.put("--classes", "classes");
        m.put("--gaussian", "gaussianUnits");
        m.put("--hidden", "hiddenUnits");
        m.put("--lambda1", "lambdaPosterior");
        m.put("--lambda2", "lambdaPrior");
        m.put("--samples", "samples");
        m.put("--straight-through", "estimator");
        m.put("--estimator", "estimator");
        m.put("--batch", "batchSize");
        m.put("--seed", "seed");
        m.put("--binarization", "binarization");
        m.put("--train-limit", "trainLimit");
        m.put("--anneal", "finalTemperatureFactor");
        m.put("--kl-warmup", "klWarmupSteps");
        m.put("--epochs", "epochs");
        m.put("--lr", "learningRate");
        m.put("--lr-final", "finalLearningRate");
        m.put("--val-limit", "validationLimit");
        m.put("--val-samples", "validationSamples");
        m.put("--ema-centring", "centring");
        m.put("--protocol", "protocol");
        m.put("--dataset", "dataset");
        return Collections.unmodifiableMap(m);
    }

    /** The options among {@code given} a resumed run refuses ({@link ResumePolicy#FIXED}), in {@link #SETTINGS}' order. */
    static List<String> refusedOnResume(Collection<String> given) {
        return SETTINGS.entrySet().stream().filter(e -> given.contains(e.getKey()) && ResumePolicy.fixed(e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public Integer call() throws InterruptedException {
        String bad = epochs == null ? null : OptionChecks.atLeast("--epochs", epochs, 1);
        if (bad == null) {
            bad = OptionChecks.atLeast("--threads", threads, 1);
        }
        if (bad != null) {
            System.err.println("error: " + bad);
            return 2;
        }
        String home = out == null ? null : notARunFolder(out);
        if (home != null) {
            System.err.println("error: --out " + out + " is " + home + "; a run writes its checkpoints and logs (and, with"
                    + " --overwrite, deletes earlier ones) in its folder: give a folder of its own, e.g. runs/my-run");
            return 2;
        }
        if (resume != null && overwrite) {
            System.err.println("error: --overwrite starts a new run and --resume continues one; give only one of them");
            return 2;
        }
        Trainer trainer;
        MnistSplits data;
        Path dir;
        try {
            if (resume != null) {
                List<String> fixed = refusedOnResume(SETTINGS.keySet().stream().filter(this::given).toList());
                if (!fixed.isEmpty()) {
                    System.err.println("error: a resumed run keeps its " + String.join(", ", fixed) + " (they are stored in "
                            + resume + "); drop " + (fixed.size() == 1 ? "it" : "them") + ", or start a new run without --resume");
                    return 2;
                }
                TrainingCheckpoint cp = Checkpoints.load(resume);
                data = DatasetChoice.load(cp.options().dataset(), dataDir);
                // the run's own length unless asked otherwise: its schedules (--lr-final, --anneal) depend on it
                int total = epochs != null ? epochs : cp.options().epochs();
                if (total <= cp.epoch()) {
                    System.err.println("error: " + resume + (epochs != null
                            ? " has already trained " + cp.epoch() + " epochs, and --epochs counts all of them (not more to"
                                    + " add): --epochs " + epochs + " ends " + (total == cp.epoch() ? "where it stands" : "before")
                            : " has already trained " + cp.epoch() + " of " + total + " epochs") + "; give --epochs " + (cp.epoch() + 1)
                            + " or more to continue");
                    return 2;
                }
                if (!cp.resumable()) {
                    System.err.println("warning: " + resume + " is a model-only file (exported, without Adam's moments): "
                            + "the optimiser restarts from zero moments, so the run will not continue exactly as the original");
                }
                dir = out != null ? out : resume.toAbsolutePath().getParent(); // the run's logs and checkpoints continue there
                trainer = Trainer.resume(resumedOptions(cp.options(), dir, total), cp, resume, data);
            } else {
                Dataset d = DatasetChoice.named("--dataset", dataset);
                data = DatasetChoice.load(d, dataDir);
                dir = out != null ? out : RunFolder.createUnique(Path.of("runs"), "");
                try {
                    trainer = new Trainer(options(dir).withDataset(d), data, overwrite);
                } catch (RuntimeException e) {
                    if (out == null) {
                        RunFolder.removeIfUnused(dir); // the folder made for this run, nothing in it but the lock
                    }
                    throw e;
                }
            }
        } catch (DataFileException | CheckpointException | RunFolderException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + OptionNames.withOption(e));
            return 2;
        }
        trainer.folderNotes().forEach(n -> System.out.println("note: " + n));
        trainer.model().setThreads(threads);
        TrainingOptions o = trainer.options();
        boolean completion = Tasks.create(o.spec().task()).conditionalPrior();
        String temperatures = completion // one temperature: the relaxed samples of the prior given the top half
                ? String.format(Locale.ROOT, "λ=%.4g", o.spec().lambdaPosterior())
                : String.format(Locale.ROOT, "λ1=%.4g λ2=%.4g", o.spec().lambdaPosterior(), o.spec().lambdaPrior());
        System.out.printf(Locale.ROOT, "Training %s, %s, lr %.3g%s, batch %d, %d epochs, seed %d, %d thread%s, %s binarization, %s%n",
                o.spec().describe(), temperatures, o.spec().learningRate(),
                o.finalLearningRate() > 0 ? String.format(Locale.ROOT, " → %.3g", o.finalLearningRate()) : "", o.batchSize(),
                o.epochs(), o.seed(), threads, threads == 1 ? "" : "s", o.binarization().name().toLowerCase(), data.describe(o.trainLimit()));
        System.out.println(EvalCommand.protocolLine(o));
        if (resume == null && model.centringNotApplied()) {
            System.out.println("Note: --ema-centring does not apply to the " + o.spec().task() + " task (it centres an"
                    + " inference network's inputs; this model has none): trained without it");
        }
        if (o.finalTemperatureFactor() > 0 && o.finalTemperatureFactor() != 1) {
            System.out.printf(Locale.ROOT, "Annealing λ1, λ2 to ×%.3g of their start by the last step%n", o.finalTemperatureFactor());
        }
        if (o.klWarmupSteps() > 0) {
            System.out.printf(Locale.ROOT, "KL warm-up: β rises from 0 to 1 over the first %,d steps (the logged training "
                    + "objective is the β-weighted one until then; validation scores the bound itself)%n", o.klWarmupSteps());
        }
        String objective = Estimators.objectiveName(o.spec());
        if (completion) {
            System.out.println("Task: the bottom half (rows 14-27) given the top half (rows 0-13); latents drawn from the"
                    + " prior given the top half, log w = log p(bottom | z), validation NLL = -log (1/k) Σ_j p(bottom | z_j)");
        }
        System.out.println("Objective: " + objective + " (the " + o.spec().estimator() + " estimator's; training.csv's "
                + Estimators.objectiveColumn(o.spec()) + " column holds it)");
        System.out.println("Output: " + dir.toAbsolutePath());
        int perEpoch = (int) Math.ceil(data.train().limit(o.trainLimit()).size() / (double) o.batchSize());
        long total = (long) o.epochs() * perEpoch;
        ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.out)).build();
        if (bar != null) {
            bar.stepTo(trainer.step());
        }
        int[] exit = {0};
        trainer.addListener(event -> {
            if (event instanceof TrainingEvent.Step s && bar != null) {
                bar.stepTo(s.step());
                bar.setExtraMessage(String.format(Locale.ROOT, "%s %.2f  %.0f ex/s", objective, s.runningMean(),
                        s.examplesPerSecond()));
            } else if (event instanceof TrainingEvent.Epoch e) {
                String format = completion
                        ? "epoch %d/%d  step %d  validation: relaxed bound %.2f  discrete bound %.2f  NLL(bottom|top) %.2f  active units %s"
                        : "epoch %d/%d  step %d  validation: relaxed ELBO %.2f  discrete ELBO %.2f  NLL %.2f  active units %s";
                String line = String.format(Locale.ROOT, format, e.epoch() + 1, o.epochs(), e.step(), e.validationRelaxedElbo(),
                        e.validationDiscreteElbo(), e.validationNll(), Double.isNaN(e.activeUnits()) ? "–"
                                : (int) e.activeUnits() + "/" + o.spec().latentLayout().units());
                if (bar != null) {
                    bar.pause();
                    System.out.println();
                    System.out.println(line);
                    bar.resume();
                } else {
                    System.out.println(line);
                }
            } else if (event instanceof TrainingEvent.Warning w) {
                if (bar != null) {
                    bar.pause();
                }
                System.err.println();
                System.err.println("warning: " + w.message());
                if (bar != null) {
                    bar.resume();
                }
            } else if (event instanceof TrainingEvent.Failed f) {
                System.err.println();
                System.err.println("error: " + f.problem() + "; " + f.advice());
                exit[0] = 3;
            }
        });
        boolean[] interrupted = {false};
        Thread hook = new Thread(() -> { // Ctrl+C, or the launcher's parent gone: stop at the next step, save, say so
            interrupted[0] = true;
            trainer.stop();
            try {
                trainer.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (bar != null) {
                bar.close();
            }
            System.out.println();
            System.out.println("interrupted: " + ending(trainer));
            System.out.flush();
        }, "train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        trainer.start();
        while (!trainer.awaitTermination(1, TimeUnit.SECONDS)) {
            // the listener prints; Ctrl+C stops at the next step and writes last.ckpt
        }
        if (interrupted[0]) {
            return exit[0];
        }
        if (bar != null) {
            bar.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        Trainer.TrainingTime time = trainer.trainingTime();
        if (time.images() > 0) {
            System.out.printf(Locale.ROOT, "trained on %,d images in %.1f s: %,.0f images/s (wall clock with logs and "
                    + "checkpoints; the per-epoch validation not counted)%n", time.images(), time.seconds(), time.imagesPerSecond());
        }
        System.out.println(ending(trainer));
        return exit[0];
    }

    /** The last line: how the run ended and what is on disk (never claims a checkpoint that was not written). */
    private static String ending(Trainer trainer) {
        String how = trainer.state().name().toLowerCase(Locale.ROOT) + " at step " + trainer.step();
        Path good = trainer.lastGoodCheckpoint();
        if (good == null) {
            return how + "; no checkpoint was written";
        }
        String resume = trainer.state() == TrainerState.FINISHED ? "" : "; continue with: train --resume " + good.toAbsolutePath();
        return how + "; last good checkpoint: " + good.toAbsolutePath() + resume;
    }

    /** What {@code dir} is if it is a file system root or the home folder (no place for run files), else null. */
    static String notARunFolder(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        try {
            p = p.toRealPath(); // ~/., a link to $HOME, ...
        } catch (java.io.IOException notThereYet) {
            // a new folder: its name as given
        }
        if (p.getParent() == null) {
            return "the root of a file system";
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isEmpty()) {
            Path h = Path.of(home).toAbsolutePath().normalize();
            try {
                h = h.toRealPath();
            } catch (java.io.IOException unknown) {
                // compare as given
            }
            if (p.equals(h)) {
                return "your home folder";
            }
        }
        return null;
    }

    /** A learning-rate "decay" that rises (e.g. --lr 1e-3 --lr-final 1: 1000× by the end) is a typo, not a schedule. */
    private static TrainingOptions requireDecay(TrainingOptions o) {
        if (o.finalLearningRate() > o.spec().learningRate()) {
            double ratio = o.finalLearningRate() / o.spec().learningRate();
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--lr-final %.3g is above --lr %.3g: the decay"
                    + " would raise the learning rate " + (ratio >= 10 ? "%,.0f" : "%.2f") + "× by the last step; give a"
                    + " --lr-final below --lr, or 0 to keep the rate constant", o.finalLearningRate(), o.spec().learningRate(),
                    ratio));
        }
        return o;
    }

    private boolean given(String option) {
        return command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The checkpoint's options with the ones given that a resumed run may change ({@link ResumePolicy}). */
    TrainingOptions resumedOptions(TrainingOptions c, Path dir, int total) {
        ModelSpec spec = given("--lr") ? c.spec().withLearningRate(model.givenLearningRate()) : c.spec();
        // what was asked: the checkpoint's options with this command's values of the changeable settings
        TrainingOptions asked = new TrainingOptions(spec, c.batchSize(), total, c.seed(), c.binarization(), c.trainLimit(),
                validationLimit, validationSamples, dir, finalLearningRate, c.finalTemperatureFactor(), c.klWarmupSteps(),
                c.protocol());
        Set<String> changed = new HashSet<>();
        SETTINGS.forEach((option, setting) -> {
            if (given(option)) {
                changed.add(setting);
            }
        });
        changed.add("epochs"); // total: --epochs or the checkpoint's own
        return ResumePolicy.resumed(c, asked, changed, dir);
    }

    /** The options of a new run from the ones given (and the defaults of the rest), writing to {@code dir}. */
    TrainingOptions options(Path dir) {
        if (klWarmup != null && klWarmup > 0 && Tasks.create(model.spec().task()).conditionalPrior()) {
            throw new IllegalArgumentException("--kl-warmup: the " + model.spec().task() + " task has no KL term (its latents"
                    + " are drawn from the prior given the input); drop --kl-warmup");
        }
        Binarization b = switch (binarization.toLowerCase()) {
            case "dynamic" -> Binarization.DYNAMIC;
            case "fixed" -> Binarization.FIXED;
            default -> throw new IllegalArgumentException("--binarization must be dynamic or fixed, was '" + binarization + "'");
        };
        Protocol protocol = model.protocol();
        TrainingOptions o = new TrainingOptions(model.spec(), batch != null ? batch : protocol.batchSize(),
                epochs != null ? epochs : 100, seed, b, trainLimit,
                validationLimit, validationSamples, dir, finalLearningRate, finalTemperatureFactor,
                klWarmup != null ? klWarmup : ModelDefaults.of(model.spec().task(), model.spec().latentKind(),
                        model.spec().classes()).klWarmupSteps(), protocol);
        requireDecay(o);
        MemoryEstimate.of(o.spec(), o.batchSize()).requireFits(); // refuse now, not in bad_alloc minutes later
        return o;
    }
}
