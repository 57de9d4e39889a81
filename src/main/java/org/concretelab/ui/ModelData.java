package org.concretelab.ui;

import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.concretelab.data.Dataset;
import org.concretelab.data.MnistSplits;

/**
 * Which dataset's test images the model tabs show: the Latents and Gradients tabs those of their model's dataset, the
 * Complete tab those of its own model's — a Fashion-MNIST model is never shown digits. Each dataset is read once
 * ({@link AppContext#data(Dataset)}); the update for the panes is prepared in the background and applied on the FX thread,
 * only if the dataset is still the one asked for (a later model may have asked for another meanwhile).
 */
final class ModelData {
    private final AppContext context;
    private final Function<MnistSplits, Runnable> density;
    private final Function<MnistSplits, Runnable> completion;
    private final BiConsumer<Dataset, Throwable> problem;
    private Dataset densityShown;
    private Dataset completionShown;

    /**
     * @param density    prepares (in the background) the Latents and Gradients tabs' update for a dataset's splits
     * @param completion prepares the Complete tab's
     * @param problem    told on the FX thread when a dataset cannot be read (missing, damaged)
     */
    ModelData(AppContext context, Function<MnistSplits, Runnable> density, Function<MnistSplits, Runnable> completion,
              BiConsumer<Dataset, Throwable> problem) {
        this.context = context;
        this.density = density;
        this.completion = completion;
        this.problem = problem;
    }

    /** The Latents and Gradients tabs' model is trained on {@code d} (call on the FX thread). */
    void density(Dataset d) {
        if (d != densityShown) {
            densityShown = d;
            load(d, () -> densityShown, density);
        }
    }

    /** The Complete tab's model is trained on {@code d} (call on the FX thread). */
    void completion(Dataset d) {
        if (d != completionShown) {
            completionShown = d;
            load(d, () -> completionShown, completion);
        }
    }

    /** The dataset of the Latents and Gradients tabs' model (null before the first). */
    Dataset densityDataset() {
        return densityShown;
    }

    private void load(Dataset d, Supplier<Dataset> current, Function<MnistSplits, Runnable> prepare) {
        context.data(d).thenApplyAsync(prepare, context.background()).whenComplete((update, error) -> Platform.runLater(() -> {
            if (current.get() != d) {
                return; // another model's dataset was asked for meanwhile
            }
            if (error != null) {
                problem.accept(d, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                update.run();
            }
        }));
    }
}
