package org.concretelab.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * A view model's background work: each piece runs on the given executor and hands back an update that runs on the FX
 * thread; a failure becomes a "Failed: …" status. Counts the pieces queued or running, for a busy indicator. Used on
 * the FX thread only (like the view models that own it); holds no controls.
 */
public final class BackgroundWork {
    private final Executor background;
    private final Consumer<String> status;
    private final ReadOnlyIntegerWrapper tasks = new ReadOnlyIntegerWrapper();
    private final BooleanBinding busy = tasks.greaterThan(0);

    /** {@code background} runs the work; {@code status} is told of a failure ("Failed: " and its message). */
    public BackgroundWork(Executor background, Consumer<String> status) {
        this.background = background;
        this.status = status;
    }

    /** Runs {@code work} in the background and its result (an update of the view model) on the FX thread. */
    public void run(Supplier<Runnable> work) {
        run(work, () -> { });
    }

    /** As {@link #run(Supplier)}; if {@code work} fails, {@code onFailure} runs on the FX thread before the status is set. */
    public void run(Supplier<Runnable> work, Runnable onFailure) {
        tasks.set(tasks.get() + 1);
        background.execute(() -> {
            Runnable update;
            try {
                update = work.get();
            } catch (RuntimeException e) {
                update = () -> {
                    onFailure.run();
                    status.accept("Failed: " + e.getMessage());
                };
            }
            Runnable u = update;
            Platform.runLater(() -> {
                try {
                    u.run();
                } finally {
                    tasks.set(tasks.get() - 1);
                }
            });
        });
    }

    /** True while work is queued or running in the background. */
    public BooleanBinding busyProperty() {
        return busy;
    }
}
