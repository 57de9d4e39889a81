package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingEvent;
import org.junit.jupiter.api.Test;

/** A run's label, and its end-of-run sentence beside the paper's figure (or saying the paper has none). */
class RunLabelsTest {
    private static final ModelSpec PAPER = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 200, 2, 0, 200,
            2.0 / 3.0, 0.5, 1, 1e-3, "nvil");

    @Test
    void labelsNameTheLayersTheCodeTheEstimatorAndM() {
        assertEquals("200H~784V binary · NVIL · m=1", RunLabels.label(PAPER));
        assertEquals("200H-784V binary · Concrete · m=5", RunLabels.label(new ModelSpec(Architecture.LINEAR_ONE,
                LatentKind.BINARY, 200, 2, 0, 200, 2.0 / 3.0, 0.5, 5, 1e-3, "concrete")));
        assertEquals("240H~784V 4-ary corners (120 units) · Concrete · m=1", RunLabels.label(new ModelSpec(
                Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 120, 4, 0, 240, 1.0 / 3.0, 0.5, 1, 1e-3, "concrete")));
        assertEquals("DisARM", RunLabels.estimator("disarm"));
        assertEquals("some-future-estimator", RunLabels.estimator("some-future-estimator"));
    }

    @Test
    void theEndOfARunSetsItsNllBesideThePapersFigureWithBothKs() {
        RunProgress run = new RunProgress(2, "discrete ELBO", 100, Path.of("runs/app-x"), PAPER);
        run.epoch(new TrainingEvent.Epoch(1, 200, Map.of("nll", 131.234)));
        String end = run.ended(TrainerState.FINISHED);
        assertTrue(end.startsWith("Run finished: 2 epochs, 200 steps; validation NLL 131.23 nats (epoch 2, k = 100); "
                + "the paper's test NLL for 200H~784V binary · NVIL · m=1: 93.8 nats (k = 50,000, after 10⁷ steps"), end);
        assertTrue(end.endsWith("; files in runs/app-x."), end);
    }

    @Test
    void aConfigurationThePaperDidNotTrainIsSaidToHaveNoPaperFigure() {
        RunProgress run = new RunProgress(2, "relaxed bound", 100, null, new ModelSpec(Architecture.NONLINEAR_ONE,
                LatentKind.BINARY, 40, 2, 0, 200, 2.0 / 3.0, 0.5, 1, 1e-3, "nvil"));
        run.epoch(new TrainingEvent.Epoch(1, 200, Map.of("nll", 150.0)));
        String end = run.ended(TrainerState.STOPPED);
        assertTrue(end.contains("validation NLL 150.00 nats (epoch 2, k = 100); no paper figure: the paper did not train "
                + "40H~784V binary · NVIL · m=1"), end);
    }
}
