package org.concretelab.ui.latents;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.concretelab.explore.FlipRanking;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.VaeModel;

/**
 * Flips you can see, beside a {@link LatentsViewModel}: the last edit's difference image (after − before), the single
 * moves that change the current digit most (ranked in the background, one batch of decodes, after every new decoding),
 * applying one, undo / redo and "Reset to the encoding". FX thread; no tensor math here.
 */
public final class FlipsViewModel {
    /** Moves the gallery shows. */
    public static final int GALLERY_SIZE = 10;

    /** The last edit's change of the decoded image: after − before per pixel, its mean |Δp| and pixels crossing 0.5. */
    public record Difference(float[] delta, double meanChange, int crossings) {
    }

    private record Request(VaeModel model, LatentCode code) {
    }

    private final LatentsViewModel vm;
    private final ReadOnlyObjectWrapper<FlipRanking.Ranking> ranking = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Difference> difference = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canReset = new ReadOnlyBooleanWrapper();
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private LatentCode lastDecoded; // the code current when the last decoding came

    public FlipsViewModel(LatentsViewModel latents) {
        this.vm = latents;
        vm.decodedProperty().addListener((o, before, after) -> decoded(before, after));
        vm.codeProperty().addListener((o, a, c) -> canReset.set(vm.editedEncoding() != null));
        vm.inputProperty().addListener((o, a, in) -> canReset.set(vm.editedEncoding() != null));
    }

    /** A new decoding: the difference from the last one if an edit made it, and a new ranking. */
    private void decoded(float[] before, float[] after) {
        LatentCode c = vm.codeProperty().get();
        CodeHistory h = vm.history();
        if (!h.canUndoProperty().get() && !h.canRedoProperty().get()) {
            difference.set(null); // a new starting code: no flip to show yet
        } else if (before != null && after != null && before.length == after.length && c != null && !c.equals(lastDecoded)) {
            difference.set(new Difference(FlipRanking.difference(before, after), FlipRanking.meanChange(before, after),
                    FlipRanking.crossings(before, after)));
        }
        lastDecoded = c;
        requestRanking();
    }

    /** Ranks the current code's moves in the background; rankings asked faster than they run collapse into one. */
    private void requestRanking() {
        VaeModel m = vm.modelProperty().get();
        LatentCode c = vm.codeProperty().get();
        if (m == null || c == null || !c.layout().equals(m.latentLayout())) {
            ranking.set(null);
            return;
        }
        pending.set(new Request(m, c));
        if (scheduled.compareAndSet(false, true)) {
            vm.work.run(() -> {
                scheduled.set(false);
                Request r = pending.getAndSet(null);
                if (r == null) {
                    return () -> { };
                }
                FlipRanking.Ranking k = FlipRanking.of(r.model(), r.code());
                return () -> {
                    if (vm.modelProperty().get() == r.model() && r.code().equals(vm.codeProperty().get())) {
                        ranking.set(k); // else a newer request follows
                    }
                };
            });
        }
    }

    // ------------------------------------------------------------------ commands

    /** Applies {@code move} to the current code (its unit set to the move's class), undoably. */
    public void apply(FlipRanking.Move move) {
        LatentCode c = vm.codeProperty().get();
        if (c != null && c.layout().equals(move.code().layout())) {
            vm.edit(c.withClass(move.unit(), move.to()));
        }
    }

    public void undo() {
        LatentCode c = vm.codeProperty().get();
        if (c != null) {
            vm.step(vm.history().undo(c));
        }
    }

    public void redo() {
        LatentCode c = vm.codeProperty().get();
        if (c != null) {
            vm.step(vm.history().redo(c));
        }
    }

    /** Back to the shown input's encoding (undoable). */
    public void resetToEncoding() {
        LatentCode e = vm.editedEncoding();
        if (e != null) {
            vm.edit(e);
        }
    }

    // ------------------------------------------------------------------ state

    /** The current code's moves, ranked (null before the first ranking or without a model). */
    public ReadOnlyObjectProperty<FlipRanking.Ranking> rankingProperty() {
        return ranking.getReadOnlyProperty();
    }

    /** The last edit's difference image; null after a new starting code (an encoding, a sample, a cleared code). */
    public ReadOnlyObjectProperty<Difference> differenceProperty() {
        return difference.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return vm.history().canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return vm.history().canRedoProperty();
    }

    /** True while the shown input's code has been edited. */
    public ReadOnlyBooleanProperty canResetProperty() {
        return canReset.getReadOnlyProperty();
    }
}
