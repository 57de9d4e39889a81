package org.concretelab.ui.training;

import java.util.Locale;
import org.concretelab.data.Binarization;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.train.TrainingOptions;

/**
 * The Training form's "Demo run" preset: the default model (200H~784V, binary, the Concrete relaxation) for 5 epochs
 * on a fifth of the training images (500 steps; validation NLL 202 after the first epoch, 162 after the fifth), short
 * enough to watch from Start to its end. Timed on this project's 2-core machine, 2026-12-07: `train --epochs 10
 * --train-limit 10000` took 52.6 s with two other training runs busy (so ~26 s for 5); in the app, from Start to the
 * end, 35–46 s (FxLatencyBenchmark -Dbench.demo=true) with the load average at 17–21 from other work, and 9–12 s on
 * the idle machine (six runs).
 */
public final class DemoRun {
    public static final int EPOCHS = 5;
    public static final int TRAIN_IMAGES = 10_000;
    /** What the run takes in the app on 2 cores (measured, rounded up): the tour and the note say it. */
    public static final String SECONDS_TEXT = "10–40 s (10 on idle cores)";
    /** What the preset is, shown beside the button once it has filled the form. */
    public static final String DESCRIPTION = String.format(Locale.ROOT, "Demo run: %d epochs on %,d images, %s on 2 cores."
            + " Press Start, watch the bound climb here and the digit sharpen in the Latents tab.", EPOCHS, TRAIN_IMAGES,
            SECONDS_TEXT);

    private DemoRun() {
    }

    /** The preset's options (validated by the form as the user's own would be). */
    public static TrainingOptions options() {
        return new TrainingOptions(ModelSpec.defaults(), PaperDefaults.BATCH, EPOCHS, 1L, Binarization.DYNAMIC, TRAIN_IMAGES,
                PaperDefaults.VALIDATION_IMAGES, PaperDefaults.VALIDATION_SAMPLES, null, 0);
    }
}
