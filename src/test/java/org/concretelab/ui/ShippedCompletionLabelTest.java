package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.complete.CompleteViewModel;
import org.junit.jupiter.api.Test;

/** The Complete tab names the model it shows: the shipped one as the short demo run it is, with its measured NLL. */
class ShippedCompletionLabelTest {
    @Test
    void theShippedCompletionModelIsNamedWithItsMeasuredNll() {
        TrainingCheckpoint cp = AppContext.standard().shippedModel(AppContext.SHIPPED_COMPLETION_MODEL).orElseThrow();
        assertEquals(AppContext.SHIPPED_COMPLETION_STEP, cp.step(), "the NLL constant was measured on this file; re-measure"
                + " it (eval assets/models/completion.ckpt -k 1000 --limit 1000) when shipping another");
        String label = AppContext.shippedCompletionLabel(cp);
        assertTrue(label.startsWith("392V~240H~240H~392V binary m=5 (completion), shipped demo model (4 epochs, 2,000 steps)"),
                label);
        assertTrue(label.contains("test NLL of the bottom half 65.88 nats (first 1,000 test digits, k = 1,000)"), label);
        TrainingCheckpoint other = new TrainingCheckpoint(cp.options(), cp.model(), 4000, 8, 0);
        assertTrue(AppContext.shippedCompletionLabel(other).endsWith("its test NLL was not measured (eval it)"));
    }

    @Test
    void theViewModelKeepsTheNameWhileTheStatusMoves() {
        TrainingCheckpoint cp = AppContext.standard().shippedModel(AppContext.SHIPPED_COMPLETION_MODEL).orElseThrow();
        CompleteViewModel vm = new CompleteViewModel(Executors.newSingleThreadExecutor());
        assertEquals("No completion model loaded yet.", vm.modelNameProperty().get());
        vm.setModel(VaeModels.restore(cp.model()), "the shipped one");
        assertEquals("Model: the shipped one", vm.modelNameProperty().get());
    }
}
