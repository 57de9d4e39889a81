package org.concretelab.ui;

import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import javafx.application.Platform;
import org.concretelab.data.Dataset;
import org.concretelab.data.MnistSplits;

/**
 * Which dataset's test images a model tab shows: each tab those of the model it shows — a Fashion-MNIST model is never
 * shown digits, and the Latents tab's model may be another dataset's than the Gradients tab's. Each dataset is read once
 * ({@link AppContext#data(Dataset)}); a tab's update is prepared in the background and applied on the FX thread, only
 * if its dataset is still the one asked for (a later model may have asked for another meanwhile).
 */
final class ModelData {
    /** One tab's images: {@link #show} when the tab's model is a dataset's (call on the FX thread). */
    final class Tab {
        private final BiFunction<Dataset, MnistSplits, Runnable> prepare;
        private Dataset shown;

        private Tab(BiFunction<Dataset, MnistSplits, Runnable> prepare) {
            this.prepare = prepare;
        }

        /** The tab's model is trained on {@code d}: its images come (nothing if they are already those). */
        void show(Dataset d) {
            if (d != null && d != shown) {
                shown = d;
                context.data(d).thenApplyAsync(data -> prepare.apply(d, data), context.background())
                        .whenComplete((update, error) -> Platform.runLater(() -> {
                            if (shown != d) {
                                return; // another model's dataset was asked for meanwhile
                            }
                            if (error != null) {
                                problem.accept(d, error instanceof CompletionException && error.getCause() != null
                                        ? error.getCause() : error);
                            } else {
                                update.run();
                            }
                        }));
            }
        }
    }

    private final AppContext context;
    private final BiConsumer<Dataset, Throwable> problem;

    /** @param problem told on the FX thread when a dataset cannot be read (missing, damaged) */
    ModelData(AppContext context, BiConsumer<Dataset, Throwable> problem) {
        this.context = context;
        this.problem = problem;
    }

    /** A tab whose update for a dataset's splits {@code prepare} makes in the background (run on the FX thread). */
    Tab tab(BiFunction<Dataset, MnistSplits, Runnable> prepare) {
        return new Tab(prepare);
    }
}
