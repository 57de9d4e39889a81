package org.concretelab.ui.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunLog;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingEvent;
import org.concretelab.train.TrainingOptions;

/** Small run folders as the trainer writes them: its logs (through {@link RunLog}) and a last.ckpt of the model. */
final class RunFolders {
    private RunFolders() {
    }

    /** A 40-unit 40H~784V binary model (tanh layers 50 wide) trained with {@code estimator} at m = {@code m}. */
    static ModelSpec spec(String estimator, int m) {
        return new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 40, 2, 0, 50, 2.0 / 3.0, 0.5, m, 1e-3, estimator);
    }

    /**
     * A run folder {@code name} under {@code parent}: {@code epochs} epochs of 10 steps each, the objective climbing from
     * {@code start}, validation NLL {@code nll0} falling by 5 an epoch, and the model's checkpoint.
     */
    static Path write(Path parent, String name, ModelSpec spec, int epochs, double start, double nll0) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(name));
        String column = Estimators.objectiveColumn(spec);
        TrainingOptions o = new TrainingOptions(spec, 50, epochs, 1L, Binarization.DYNAMIC, 500, 100, 5, dir, 0);
        try (RunLog log = RunLog.open(dir, column, RunLog.runHeader(o))) { // as a run writes them: its run header first
            double mean = start;
            for (int e = 0; e < epochs; e++) {
                for (int s = 1; s <= 10; s++) {
                    long step = e * 10L + s;
                    double objective = start + 2 * step;
                    mean = 0.9 * mean + 0.1 * objective;
                    log.step(step, e, objective, mean, 1000);
                }
                double nll = nll0 - 5 * e;
                log.epoch(new TrainingEvent.Epoch(e, (e + 1) * 10L, Map.of("relaxed_elbo", -nll - 10, "discrete_elbo",
                        -nll - 5, "nll", nll, "active_units", 30.0)));
            }
        }
        Checkpoints.save(dir.resolve("last.ckpt"), new TrainingCheckpoint(o, VaeModels.create(spec, 1L).state(),
                epochs * 10L, epochs, 0));
        return dir;
    }
}
