package org.concretelab.ui.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.concretelab.train.ResumePolicy;
import org.concretelab.train.TrainingOptions;

/**
 * What Continue may change in a loaded run: {@link ResumePolicy}'s rule, as {@code train --resume} applies it. Edits
 * are found by comparing the form with what it showed right after loading (not with the checkpoint: the form rounds
 * λ to 6 digits and has no field for e.g. the schedules), so an untouched field always keeps the checkpoint's exact
 * value.
 */
final class ResumeEdits {
    private ResumeEdits() {
    }

    /** The edited fields a resumed run cannot take, as the form labels them. */
    static List<String> fixedChanges(TrainingOptions shown, TrainingOptions edited) {
        return ResumePolicy.refused(edits(shown, edited)).stream().map(TrainingFormViewModel.LABELS::get).toList();
    }

    /**
     * The settings the user edited: only the form's fields count (a setting it has no field for, e.g. the decay of the
     * learning rate, it fills with a default, which is no edit of the loaded run's value).
     */
    static Set<String> edits(TrainingOptions shown, TrainingOptions edited) {
        Set<String> changed = ResumePolicy.differences(shown, edited);
        changed.retainAll(TrainingFormViewModel.LABELS.keySet());
        return changed;
    }

    /**
     * The loaded run's options with the edits a resumed run can take, writing to {@code dir}; everything else,
     * including what the form cannot show (schedules, validation settings), stays the checkpoint's.
     *
     * @throws IllegalArgumentException if an edit is refused ({@link #fixedChanges}) or the learning rate would rise
     */
    static TrainingOptions resumed(TrainingOptions stored, TrainingOptions shown, TrainingOptions edited, Path dir) {
        Set<String> changed = edits(shown, edited);
        changed.add("epochs"); // the form's epochs field is always the run's length
        return ResumePolicy.resumed(stored, edited, changed, dir);
    }
}
