package org.concretelab.ui.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.concretelab.model.ModelSpec;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;

/**
 * What Continue may change in a loaded run. Edits are found by comparing the form with what it showed right
 * after loading (not with the checkpoint: the form rounds λ to 6 digits and has no field for e.g. the
 * schedules), so an untouched field always keeps the checkpoint's exact value.
 */
final class ResumeEdits {
    private ResumeEdits() {
    }

    /**
     * The edited fields a resumed run cannot take, as the form labels them: they define the model, the data
     * order or the noise (as {@code train --resume} refuses them).
     */
    static List<String> fixedChanges(TrainingOptions shown, TrainingOptions edited) {
        ModelSpec a = shown.spec();
        ModelSpec b = edited.spec();
        List<String> out = new ArrayList<>();
        differ(out, "Task", a.task(), b.task());
        differ(out, "Architecture", a.architecture(), b.architecture());
        differ(out, "Latents", a.latentKind(), b.latentKind());
        differ(out, "Units", a.discreteUnits(), b.discreteUnits());
        differ(out, "Classes K", a.classes(), b.classes());
        differ(out, "Gaussian units", a.gaussianUnits(), b.gaussianUnits());
        differ(out, "Hidden units", a.hiddenUnits(), b.hiddenUnits());
        differ(out, "λ1", a.lambdaPosterior(), b.lambdaPosterior());
        differ(out, "λ2", a.lambdaPrior(), b.lambdaPrior());
        differ(out, "Samples m", a.samples(), b.samples());
        differ(out, "Estimator", a.estimator(), b.estimator());
        differ(out, "Batch size", shown.batchSize(), edited.batchSize());
        differ(out, "Seed", shown.seed(), edited.seed());
        differ(out, "Train images", shown.trainLimit(), edited.trainLimit());
        differ(out, "Binarization", shown.binarization(), edited.binarization());
        differ(out, "KL warm-up", shown.klWarmupSteps(), edited.klWarmupSteps());
        return out;
    }

    /**
     * The loaded run's options with the edits a resumed run can take (epochs in all, learning rate), writing to
     * {@code dir}; everything else, including what the form cannot show (schedules, validation
     * settings), stays the checkpoint's.
     */
    static TrainingOptions resumed(TrainingCheckpoint cp, TrainingOptions shown, TrainingOptions edited, Path dir) {
        TrainingOptions c = cp.options();
        double rate = edited.spec().learningRate();
        ModelSpec spec = rate == shown.spec().learningRate() ? c.spec() : c.spec().withLearningRate(rate);
        return new TrainingOptions(spec, c.batchSize(), edited.epochs(), c.seed(), c.binarization(), c.trainLimit(),
                c.validationLimit(), c.validationSamples(), dir, c.finalLearningRate(), c.finalTemperatureFactor(),
                c.klWarmupSteps());
    }

    private static void differ(List<String> out, String label, Object shown, Object edited) {
        if (!Objects.equals(shown, edited)) {
            out.add(label);
        }
    }
}
