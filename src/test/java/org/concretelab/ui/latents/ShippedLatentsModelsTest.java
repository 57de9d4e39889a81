package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.Test;

/** The Latents tab's shipped models, compact first, each named with the NLL measured on its file. */
class ShippedLatentsModelsTest {
    @Test
    void theCompactModelComesFirstAndBothAreNamedWithTheirMeasuredNll() {
        ShippedLatentsModels shipped = ShippedLatentsModels.load(AppContext.standard());
        assertEquals(2, shipped.entries().size(), "the compact and the 200-bit model");
        TrainingCheckpoint compact = AppContext.standard().shippedModel(ShippedLatentsModels.COMPACT_MODEL).orElseThrow();
        assertEquals(ShippedLatentsModels.COMPACT.step(), compact.step(), "the NLL constant was measured on this file; "
                + "re-measure it (eval assets/models/compact.ckpt -k 1000 --threads 1) when shipping another");
        assertEquals(ShippedLatentsModels.FULL.step(), shipped.fullCheckpoint().step(), "likewise for default.ckpt");
        LatentsModelChoice.Entry first = shipped.entries().get(0);
        assertSame(shipped.latentsDefault(), first.model());
        String size = ShippedLatentsModels.size(first.model().latentLayout());
        assertEquals(String.format(java.util.Locale.ROOT, "compact %s (NLL %.2f)", size, ShippedLatentsModels.COMPACT.nll()),
                first.name());
        assertTrue(first.tooltip().contains("importance-sampled with k = 1,000 on all 10,000 MNIST test digits"), first.tooltip());
        assertTrue(first.decodedName().startsWith(first.model().spec().describe() + " (shipped model: compact, "), first.decodedName());
        LatentsModelChoice.Entry full = shipped.entries().get(1);
        assertSame(shipped.full(), full.model(), "the 200-bit model is the Gradients tab's too");
        assertEquals("shipped 200-bit (NLL 94.97)", full.name());
    }

    @Test
    void aFileOfAnotherStepIsNotGivenTheMeasuredFigure() {
        TrainingCheckpoint cp = AppContext.standard().shippedModel().orElseThrow();
        TrainingCheckpoint other = new TrainingCheckpoint(cp.options(), cp.model(), 1000, 2, 0);
        var m = org.concretelab.model.VaeModels.restore(cp.model());
        assertEquals("shipped 200-bit (NLL not measured)", ShippedLatentsModels.entry(other, m, ShippedLatentsModels.FULL, false).name());
        assertTrue(ShippedLatentsModels.entry(other, m, ShippedLatentsModels.FULL, false).tooltip().contains("not measured"));
    }

    @Test
    void sizesNameBitsOrUnitsOfKClasses() {
        assertEquals("30-bit", ShippedLatentsModels.size(new LatentLayout(LatentKind.BINARY, 30, 2, 0)));
        assertEquals("10×10-way", ShippedLatentsModels.size(new LatentLayout(LatentKind.CATEGORICAL, 10, 10, 0)));
    }
}
