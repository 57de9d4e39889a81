package org.concretelab.ui;

import javafx.animation.AnimationTimer;

/** Work for a later pulse of the FX thread. */
final class Pulses {
    private Pulses() {
    }

    /**
     * Runs {@code action} on the FX thread at the {@code n}-th pulse from now (call on the FX thread). An AnimationTimer
     * runs before its pulse's CSS, layout and rendering: the frame of a window just shown is laid out by the second
     * pulse and rendered by the third.
     */
    static void after(int n, Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == n) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
