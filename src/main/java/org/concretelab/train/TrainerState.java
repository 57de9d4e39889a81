package org.concretelab.train;

/** The life cycle of a {@link TrainingEvent} source: NEW → RUNNING ⇄ PAUSED → STOPPED / FINISHED / FAILED. */
public enum TrainerState {
    NEW, RUNNING, PAUSED, STOPPED, FINISHED, FAILED;

    /** True once the training thread has ended. */
    public boolean isTerminal() {
        return this == STOPPED || this == FINISHED || this == FAILED;
    }
}
