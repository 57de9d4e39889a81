package org.concretelab.train;

/**
 * Receives events on the training thread. Implementations must return quickly and never block
 * (hand work to another thread, e.g. batch it for the FX thread).
 */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);
}
