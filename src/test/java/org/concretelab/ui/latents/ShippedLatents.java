package org.concretelab.ui.latents;

import java.util.ArrayList;
import java.util.List;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.AppContext;

/** What the Latents tab's tests share: the shipped model and MNIST, loaded once, and a pane showing the first test digits. */
record ShippedLatents(AppContext context, VaeModel model, MnistSplits data) {

    static ShippedLatents load() {
        AppContext context = AppContext.standard();
        TrainingCheckpoint cp = context.shippedModel().orElseThrow(() -> new AssertionError("no shipped model"));
        return new ShippedLatents(context, VaeModels.restore(cp.model()), context.data().join());
    }

    /** A new pane on the shipped model with the first {@code digits} test digits in its strip. */
    LatentsPane pane(int digits) {
        LatentsPane pane = new LatentsPane(new LatentsViewModel(context.background()));
        List<float[]> strip = new ArrayList<>();
        for (int i = 0; i < digits; i++) {
            strip.add(data.test().pixelsOf(i));
        }
        pane.setDigits(strip);
        pane.setModel(model);
        return pane;
    }
}
