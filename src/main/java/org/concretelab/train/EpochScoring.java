package org.concretelab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.metrics.ActiveUnits;
import org.concretelab.metrics.Metrics;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.task.Tasks;

/**
 * A {@link Trainer}'s end-of-epoch validation: scores the model on the fixed binarized validation images (split over
 * copies of the model when the step is), logs and publishes the scores, and warns once when the model stays collapsed.
 * Used by the training thread only.
 */
final class EpochScoring {
    /** Validation images per model call (the chunk fixes each image's noise seed). */
    static final int VALIDATION_CHUNK = 500;
    /** Steps after the warm-up before a collapse is reported (a transient one passes within them). */
    static final int COLLAPSE_GRACE_STEPS = 250;

    private final TrainingOptions options;
    private final MnistSplits data;
    private final VaeModel model;
    private final RunFiles files;
    private final Consumer<TrainingEvent> publish;
    /** Serves requests queued for the boundary between two steps (they may run beside the scoring threads). */
    private final Runnable runTasks;
    private float[] validationImages;
    private final List<VaeModel> validationCopies = new ArrayList<>();
    private boolean collapsedBefore;
    private boolean collapseReported;

    EpochScoring(TrainingOptions options, MnistSplits data, VaeModel model, RunFiles files, Consumer<TrainingEvent> publish,
                 Runnable runTasks) {
        this.options = options;
        this.data = data;
        this.model = model;
        this.files = files;
        this.publish = publish;
        this.runTasks = runTasks;
    }

    /** Scores the model after epoch {@code finishedEpoch} (counted from 0), at {@code step}. */
    void validate(int finishedEpoch, long step) {
        ImageSet set = data.validation().limit(options.validationLimit());
        if (validationImages == null) {
            validationImages = MinibatchIterator.fixedBinarized(set, Trainer.EVALUATION_SEED);
        }
        publish.accept(new TrainingEvent.Validating(step, finishedEpoch, 0, set.size()));
        // queued requests (checkpoint, snapshot) only read the model, so they may run beside the scoring threads
        var scores = new LinkedHashMap<>(Metrics.score(validationWorkers(set.size()), Metrics.standard(),
                validationImages, set.size(), VALIDATION_CHUNK, options.validationSamples(),
                from -> Trainer.noiseSeed(Trainer.EVALUATION_SEED, from), done -> {
                    runTasks.run();
                    publish.accept(new TrainingEvent.Validating(step, finishedEpoch, done, set.size()));
                }));
        ActiveUnits active = set.size() >= 2 ? ActiveUnits.of(model, validationImages, set.size()) : null;
        scores.put(RunLog.ACTIVE_UNITS, active != null ? (double) active.active() : Double.NaN);
        TrainingEvent.Epoch event = new TrainingEvent.Epoch(finishedEpoch, step, scores);
        files.logEpoch(event);
        publish.accept(event);
        // a model can sit collapsed for a few hundred steps and recover (measured: 200–400 binary units): warn once,
        // when two validations in a row past the warm-up and a grace period find it collapsed
        // (a conditional model has no posterior to collapse onto its prior: its units' activity is only reported)
        boolean collapsedNow = active != null && active.collapsed() && options.warmedUp(step - COLLAPSE_GRACE_STEPS)
                && !Tasks.create(options.spec().task()).conditionalPrior();
        if (collapsedNow && collapsedBefore && !collapseReported) {
            collapseReported = true;
            publish.accept(new TrainingEvent.Warning(step, collapseWarning(active)));
        }
        collapsedBefore = collapsedNow;
    }

    /**
     * The model and, when the training step is split over threads, copies of it for the other threads (kept between
     * validations, loaded with the current parameters and settings): the chunks' sums add up in chunk order, so the
     * scores are the same whatever the number of threads.
     */
    private List<VaeModel> validationWorkers(int images) {
        int wanted = Math.min(model.threads(), (images + VALIDATION_CHUNK - 1) / VALIDATION_CHUNK);
        List<VaeModel> workers = new ArrayList<>(List.of(model));
        ModelState state = wanted > 1 ? model.state() : null;
        double[] temperatures = model.temperatures();
        for (int i = 1; i < wanted; i++) {
            if (validationCopies.size() < i) {
                validationCopies.add(VaeModels.restore(state));
            } else {
                validationCopies.get(i - 1).load(state);
            }
            VaeModel copy = validationCopies.get(i - 1);
            copy.setTemperatures(temperatures[0], temperatures[1]);
            copy.setKlWeight(model.klWeight());
            workers.add(copy);
        }
        return workers;
    }

    /** What a collapsed model looks like and what to try, in the user's terms. */
    private String collapseWarning(ActiveUnits active) {
        String advice = options.klWarmupSteps() == 0
                ? "retrain with a KL warm-up (--kl-warmup 2500 or the form's KL warm-up field)"
                : "retrain with a longer KL warm-up than " + options.klWarmupSteps() + " steps";
        return String.format(Locale.ROOT, "the model has collapsed: only %s on validation (the posterior "
                + "equals the prior for every image, so the latents carry nothing about the digit); %s, fewer units, or "
                + "a lower learning rate", active, advice);
    }
}
