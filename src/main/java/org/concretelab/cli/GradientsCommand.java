package org.concretelab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.concretelab.data.DataFileException;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.gradients.ComparisonReport;
import org.concretelab.gradients.ComparisonResult;
import org.concretelab.gradients.ComparisonSettings;
import org.concretelab.gradients.GradientComparison;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradients}: the Gradients tab's estimator comparison on the command line. */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = {"Compare the gradient estimators on a checkpoint: N estimates each of the gradient at the encoder's",
            "output logits for the first test images, against a score-function reference of the discrete objective",
            "(the ELBO; L_m for VIMCO) with many draws. Prints variance, bias² and cosine to the reference per estimator",
            "and, with --sweep, the relaxed estimators across λ1 from 10 to 0.05."})
public final class GradientsCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "checkpoint file (.ckpt)")
    Path checkpoint;

    @Option(names = {"-n", "--draws"}, description = "estimates per estimator, N (default: ${DEFAULT-VALUE}; 100-1000 is typical)")
    int draws = ComparisonSettings.DRAWS;

    @Option(names = "--images", description = "fixed test images in the minibatch (default: ${DEFAULT-VALUE})")
    int images = 10;

    @Option(names = "--sweep", description = "also the relaxed estimators at 12 temperatures λ1 from 10 to 0.05 (λ2/λ1 kept)")
    boolean sweep;

    @Option(names = "--reference", description = "discrete draws per image behind the reference (default: ${DEFAULT-VALUE})")
    int reference = ComparisonSettings.REFERENCE_DRAWS;

    @Option(names = {"-m", "--samples"}, description = "m of estimators that need several samples, VIMCO (default: ${DEFAULT-VALUE})")
    int samples = ComparisonSettings.MULTI_SAMPLES;

    @Option(names = "--threads", description = "threads drawing at once (default: ${DEFAULT-VALUE})")
    int threads = ComparisonSettings.defaultThreads();

    @Option(names = "--seed", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--data", description = "the folder of the checkpoint's dataset (default: data/<dataset>)")
    Path dataDir;

    @Override
    public Integer call() {
        String bad = firstBadOption();
        if (bad != null) {
            System.err.println("error: " + bad);
            return 2;
        }
        VaeModel model;
        float[] batch;
        try {
            TrainingCheckpoint cp = Checkpoints.load(checkpoint);
            GradientComparison.checkModel(cp.model().spec());
            model = VaeModels.restore(cp.model());
            MnistSplits data = DatasetChoice.splitsFor(cp, null, dataDir, checkpoint); // the model's own test images
            if (images > data.test().size()) {
                System.err.println("error: --images must be at most " + data.test().size() + " (the test set), was " + images);
                return 2;
            }
            // the test images as eval binarizes them (fixed seed, image by image)
            batch = MinibatchIterator.fixedBinarized(data.test().limit(images), Trainer.EVALUATION_SEED);
        } catch (CheckpointException | DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + checkpoint + " cannot be used: " + e.getMessage());
            return 1;
        }
        ComparisonSettings settings = new ComparisonSettings(draws, reference, samples,
                sweep ? ComparisonSettings.standardSweep() : new double[0], seed, threads);
        ComparisonResult result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("gradients").setInitialMax(1000)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            result = GradientComparison.run(model, batch, images, settings, (fraction, stage) -> {
                synchronized (bar) {
                    bar.stepTo(Math.round(fraction * 1000));
                }
            }, () -> false);
        }
        System.out.print(ComparisonReport.text(result));
        return 0;
    }

    /** What is wrong with the options, naming the first bad one; null if nothing. */
    private String firstBadOption() {
        return OptionChecks.first(
                OptionChecks.atLeast("-n/--draws", draws, 2, " estimates"),
                OptionChecks.atLeast("--images", images, 1),
                OptionChecks.atLeast("--reference", reference, 100, " draws per image"),
                OptionChecks.atLeast("-m/--samples", samples, 2, " (VIMCO's leave-one-out needs two)"),
                OptionChecks.atLeast("--threads", threads, 1));
    }
}
