package org.concretelab.ui.training;

import java.util.Locale;
import org.concretelab.data.Binarization;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.train.TrainingOptions;

/**
 * The Training form's "Demo run" preset: the default model (200H~784V, binary, the Concrete relaxation) for a few
 * epochs on a fifth of the training images, short enough to watch from start to end. Timed with the same options on
 * the command line (2 cores, one of them busy with another training run): see README, "Your first five minutes".
 */
public final class DemoRun {
    public static final int EPOCHS = 5;
    public static final int TRAIN_IMAGES = 10_000;
    /** What the run takes in the app on 2 cores (measured, rounded up): the tour and the note say it. */
    public static final String SECONDS_TEXT = "~30 s";
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
