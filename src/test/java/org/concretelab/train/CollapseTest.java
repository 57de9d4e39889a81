package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's collapse: 200 4-ary units (the replication report's model) collapse within the first ~50 steps
 * without a KL warm-up, and train with one. Both runs are real (400 steps on real MNIST), so a change that brings
 * the collapse back, or that stops detecting it, fails here.
 */
class CollapseTest {
    static final ModelSpec FOUR_ARY = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CATEGORICAL, 200, 4, 0, 200,
            PaperDefaults.lambdaPosterior(LatentKind.CATEGORICAL), PaperDefaults.lambdaPrior(LatentKind.CATEGORICAL), 1,
            PaperDefaults.LEARNING_RATE);
    static MnistSplits data;

    @BeforeAll
    static void load() {
        data = MnistSplits.load(MnistFiles.defaultDir());
    }

    /** 8 epochs of 50 steps on 5,000 images, validated on 500. */
    private static List<TrainingEvent> train(int warmup) throws InterruptedException {
        TrainingOptions o = new TrainingOptions(FOUR_ARY, 100, 8, 1, Binarization.DYNAMIC, 5000, 500, 2, null, 0, 0, warmup);
        Trainer t = new Trainer(o, data);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(events::add);
        t.start();
        assertTrue(t.awaitTermination(300, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state());
        return events;
    }

    private static TrainingEvent.Epoch lastEpoch(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof TrainingEvent.Epoch).map(e -> (TrainingEvent.Epoch) e)
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void fourAryUnitsTrainWithAWarmUp() throws Exception {
        // β reaches 1 at step 300; the last 100 steps and the final validation see the bound itself
        List<TrainingEvent> events = train(300);
        TrainingEvent.Epoch last = lastEpoch(events);
        assertTrue(last.activeUnits() >= 30, "active units " + last.activeUnits() + " of 200 (44 when written)");
        assertTrue(last.validationNll() < 192, "NLL " + last.validationNll() + " (184.3 when written; collapsed: ~197)");
        assertTrue(events.stream().noneMatch(e -> e instanceof TrainingEvent.Warning), "no collapse warning");
    }

    @Test
    void aCollapseIsDetectedAndReported() throws Exception {
        List<TrainingEvent> events = train(0);
        TrainingEvent.Epoch last = lastEpoch(events);
        assertTrue(last.activeUnits() < 10, "this model collapses without a warm-up; active " + last.activeUnits());
        TrainingEvent.Warning w = events.stream().filter(e -> e instanceof TrainingEvent.Warning)
                .map(e -> (TrainingEvent.Warning) e).findFirst().orElseThrow();
        assertTrue(w.message().contains("collapsed") && w.message().contains("warm-up"), w.message());
    }
}
