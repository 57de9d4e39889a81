package org.concretelab.ui.latents;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.concretelab.data.Dataset;
import org.concretelab.explore.LatentCode;

/**
 * Where the Latents tab's code came from, for {@link LatentsViewModel}: the input image it encodes (if any), that
 * encoding, whether the user has edited it since, the undo history of those edits, and the test digit to start from.
 * One model's input is never shown beside another model's code: every way the code changes goes through
 * {@link #started}, which drops the input when the code is no longer its encoding.
 */
final class StartingCode {
    /** Where the current code came from: what may follow it when the model changes. */
    enum Origin {
        /** The shown input's encoding by the current model: a new model encodes the input afresh. */
        ENCODED,
        /** That encoding with the user's flips: kept as set; the input no longer is its source once the model changes. */
        EDITED,
        /** Not from the input (prior sample, random, cleared, set whole): no input is shown. */
        FREE
    }

    private final ReadOnlyObjectWrapper<float[]> input = new ReadOnlyObjectWrapper<>();
    /** The input's caption: "Input", or that its code has been edited since it was encoded. */
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("Input");
    private final CodeHistory history = new CodeHistory();
    private Origin origin = Origin.FREE;
    private LatentCode encoding; // the shown input's code under the current model (null: no input shown)
    private float[] firstDigit; // what to show before anything was encoded
    private Dataset digitsDataset; // firstDigit's

    Origin origin() {
        return origin;
    }

    float[] input() {
        return input.get();
    }

    /** {@code image} is the input now; its code is to come ({@link #started} with {@link Origin#ENCODED}). */
    void choose(float[] image) {
        input.set(image);
        caption.set("Input");
    }

    /** The input is no longer where the code came from: it goes, so that it is never shown beside another's code. */
    void dropInput() {
        encoding = null;
        input.set(null);
        caption.set("Input");
        origin = Origin.FREE;
    }

    /** The code shown is now {@code code}, from {@code from}; unless a {@code step} (edit, undo, redo) a new start. */
    void started(LatentCode code, Origin from, boolean step) {
        if (!step) {
            history.clear();
        }
        if (from == Origin.FREE && input.get() != null) {
            dropInput();
        }
        origin = from;
        if (from == Origin.ENCODED) {
            encoding = code;
        }
        caption.set(from == Origin.EDITED ? "Input, before your edits" : "Input");
    }

    /** The origin of {@code c} reached by an edit, undo or redo: the encoding again when it equals it. */
    Origin originOfStep(LatentCode c) {
        return origin == Origin.FREE ? Origin.FREE : c.equals(encoding) ? Origin.ENCODED : Origin.EDITED;
    }

    /** A newer model's encoding of the same input replaces the old one as the starting point (no undo across it). */
    void reEncoded(LatentCode c) {
        history.clear();
        encoding = c;
    }

    /** The shown input's code while it has been edited (else null): what "Reset to the encoding" returns to. */
    LatentCode editedEncoding() {
        return origin == Origin.EDITED ? encoding : null;
    }

    CodeHistory history() {
        return history;
    }

    /** Test images of {@code d}; the first is the starting digit of {@code d}'s models. */
    void setDigits(Dataset d, List<float[]> digits) {
        digitsDataset = d;
        firstDigit = digits.isEmpty() ? null : digits.get(0);
    }

    /** The digit to encode first for a model of {@code d}: the input if one is shown, else {@code d}'s first (or null). */
    float[] startingDigit(Dataset d) {
        return input.get() != null ? input.get() : digitsDataset == d ? firstDigit : null;
    }

    /** A model of another dataset than the input's was chosen: input, edits and (unless they are {@code d}'s) digits go. */
    void otherDataset(Dataset d) {
        dropInput();
        history.clear();
        if (digitsDataset != d) {
            firstDigit = null; // a prior sample until its own digits come (setDigits)
        }
    }

    boolean hasFirstDigit() {
        return firstDigit != null;
    }

    ReadOnlyObjectProperty<float[]> inputProperty() {
        return input.getReadOnlyProperty();
    }

    ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }
}
