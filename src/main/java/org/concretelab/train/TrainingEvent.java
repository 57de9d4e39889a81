package org.concretelab.train;

/** What a {@link TrainingListener} hears from a running trainer. Immutable values, safe to pass between threads. */
public sealed interface TrainingEvent {

    /** The trainer moved to another state (started, paused, resumed, stopped, finished, failed). */
    record StateChanged(TrainerState state, String message) implements TrainingEvent {
    }

    /**
     * One optimiser step finished.
     *
     * @param step             global step count (1-based, continues across resume)
     * @param epoch            0-based epoch of the step
     * @param epochFraction    progress through that epoch, in (0, 1]
     * @param relaxedElbo      the minibatch's training objective before the update (nats per example): the objective
     *                         the estimator optimises ({@code Estimators.objectiveName}), the relaxed bound only for the
     *                         relaxed estimators; the name is historical, like training.csv's column
     * @param runningMean      exponential moving average of {@code relaxedElbo}
     * @param examplesPerSecond recent training throughput
     * @param etaSeconds       estimated seconds until the run's last epoch ends
     */
    record Step(long step, int epoch, double epochFraction, double relaxedElbo, double runningMean,
                double examplesPerSecond, double etaSeconds) implements TrainingEvent {
    }

    /**
     * An epoch ended and the validation set was scored.
     *
     * @param scores metric key → mean score, in {@link org.concretelab.metrics.Metrics#standard()} order
     */
    record Epoch(int epoch, long step, java.util.Map<String, Double> scores) implements TrainingEvent {
        public Epoch {
            scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
        }

        /** The score of the metric with {@code key}, NaN if it was not computed. */
        public double score(String key) {
            return scores.getOrDefault(key, Double.NaN);
        }

        public double validationRelaxedElbo() {
            return score("relaxed_elbo");
        }

        public double validationDiscreteElbo() {
            return score("discrete_elbo");
        }

        public double validationNll() {
            return score("nll");
        }

        /** Latent units active on validation ({@link org.concretelab.metrics.ActiveUnits}), NaN in older logs. */
        public double activeUnits() {
            return score("active_units");
        }
    }

    /**
     * The end-of-epoch validation is under way: {@code done} of {@code total} images scored (the steps pause meanwhile,
     * so a listener can say "validating" instead of showing a stale ETA).
     */
    record Validating(long step, int epoch, int done, int total) implements TrainingEvent {
    }

    /** Something the user should know that does not stop the run (e.g. the model has collapsed). */
    record Warning(long step, String message) implements TrainingEvent {
    }

    /** A checkpoint was written. */
    record CheckpointSaved(long step, java.nio.file.Path path) implements TrainingEvent {
    }

    /**
     * Training stopped because of a problem; {@code advice} says what to do about it. The last good
     * checkpoint (if any) is {@code lastGood}.
     */
    record Failed(long step, String problem, String advice, java.nio.file.Path lastGood) implements TrainingEvent {
    }
}
