package org.concretelab.ui;

import java.util.concurrent.Executor;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * What the app prepares while the user first looks at it, so that a run's first second (the tour's demo run) finds it
 * done: the classes the first results need ({@link ClassWarmUp}), chart-fx's grid patterns ({@link ChartWarmUp}) and the
 * compiled training step ({@link TrainingWarmUp}). Each is only a head start: a failure costs nothing but it.
 */
final class IdleWarmUp {
    private IdleWarmUp() {
    }

    /** Call on the FX thread while the window is built; {@code background} is the app's model queue. */
    static void schedule(Executor background) {
        background.execute(ClassWarmUp::preload);
        // half a second after the window is drawn: a run's first charts would otherwise make these while it takes the cores
        PauseTransition idle = new PauseTransition(Duration.millis(500));
        idle.setOnFinished(e -> ChartWarmUp.drawGridPatterns());
        idle.play();
        // later, on a thread of its own (not the model queue, which the Latents tab's first clicks use)
        PauseTransition later = new PauseTransition(Duration.seconds(2));
        // (started from the model queue: after it has loaded the native libraries, never beside JavaFX loading its own)
        later.setOnFinished(e -> background.execute(() -> {
            Thread warm = new Thread(() -> {
                try {
                    TrainingWarmUp.run();
                } catch (RuntimeException | LinkageError lost) {
                    // only a head start lost: the first run compiles it as before
                }
            }, "training-warm-up");
            warm.setDaemon(true);
            warm.setPriority(Thread.MIN_PRIORITY);
            warm.start();
        }));
        later.play();
    }
}
