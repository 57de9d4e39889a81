package org.concretelab.ui.latents;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.concretelab.explore.LatentCode;

/**
 * Undo and redo over the edits of one starting code (an encoding, a prior sample, a cleared code): a new starting
 * code clears it, since undoing into another digit's code would show one input beside another's code. FX thread.
 */
final class CodeHistory {
    /** Edits kept: older ones are dropped first. */
    static final int LIMIT = 200;

    private final Deque<LatentCode> undo = new ArrayDeque<>();
    private final Deque<LatentCode> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();

    /** An edit leaves {@code before}: it can be undone to it, and what was undone before can no longer be redone. */
    void record(LatentCode before) {
        undo.push(before);
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        update();
    }

    /** The code before the last edit (null if none); {@code current} can be redone. */
    LatentCode undo(LatentCode current) {
        return move(undo, redo, current);
    }

    /** The code the last undo left (null if none); {@code current} can be undone again. */
    LatentCode redo(LatentCode current) {
        return move(redo, undo, current);
    }

    private LatentCode move(Deque<LatentCode> from, Deque<LatentCode> to, LatentCode current) {
        if (from.isEmpty()) {
            return null;
        }
        to.push(current);
        LatentCode c = from.pop();
        update();
        return c;
    }

    void clear() {
        undo.clear();
        redo.clear();
        update();
    }

    private void update() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }
}
