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
        return pane(digits, LatentsViewModel.FOLLOW_PERIOD);
    }

    /** As {@link #pane(int)}, following a training run every {@code followPeriod}. */
    LatentsPane pane(int digits, javafx.util.Duration followPeriod) {
        LatentsPane pane = new LatentsPane(new LatentsViewModel(context.background(), followPeriod));
        pane.setDigits(first(data, digits));
        pane.setModel(model);
        return pane;
    }

    /** The first {@code n} test images of {@code splits}. */
    static List<float[]> first(MnistSplits splits, int n) {
        List<float[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(splits.test().pixelsOf(i));
        }
        return list;
    }

    /** Stops a test's training run, if it started one, and waits for its end. */
    static void stop(org.concretelab.train.Trainer trainer) throws InterruptedException {
        if (trainer != null) {
            trainer.stop();
            if (!trainer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the run did not stop within 30 s");
            }
        }
    }

    /** Waits until the pane's model work is done and the FX thread has shown it. */
    static void awaitIdle(LatentsViewModel vm) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
