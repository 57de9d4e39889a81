package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.concretelab.data.Datasets;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.ui.latents.StartingCode.Origin;
import org.junit.jupiter.api.Test;

/** The Latents tab's input goes with its code: a code that is not its encoding never stands beside it. */
class StartingCodeTest {
    private final LatentLayout layout = new LatentLayout(LatentKind.BINARY, 4, 2, 0);
    private final LatentCode encoded = LatentCode.cleared(layout).withSlot(1, true);
    private final float[] digit = new float[784];
    private final float[] shoe = new float[784];

    @Test
    void anotherDatasetsImagesAreNeverTheStartingDigit() {
        StartingCode s = new StartingCode();
        s.setDigits(Datasets.MNIST, List.of(digit));
        assertSame(digit, s.startingDigit(Datasets.MNIST));
        s.setDigits(Datasets.FASHION_MNIST, List.of(shoe)); // late images while an MNIST model is shown
        assertNull(s.startingDigit(Datasets.MNIST), "a shoe is never encoded by a digit model");
        assertSame(shoe, s.startingDigit(Datasets.FASHION_MNIST));
        s.choose(digit);
        assertSame(digit, s.startingDigit(Datasets.MNIST), "the input shown comes first");
        s.otherDataset(Datasets.FASHION_MNIST);
        assertNull(s.input());
        assertSame(shoe, s.startingDigit(Datasets.FASHION_MNIST), "its own digits stay");
    }

    @Test
    void editsMakeTheEncodingEditedAndUndoingThemMakesItEncodedAgain() {
        StartingCode s = new StartingCode();
        s.choose(digit);
        s.started(encoded, Origin.ENCODED, false);
        assertNull(s.editedEncoding());
        LatentCode flipped = encoded.withSlot(0, true);
        assertEquals(Origin.EDITED, s.originOfStep(flipped));
        s.started(flipped, s.originOfStep(flipped), true);
        assertSame(encoded, s.editedEncoding());
        assertEquals("Input, before your edits", s.captionProperty().get());
        assertEquals(Origin.ENCODED, s.originOfStep(encoded), "back at the encoding");
        s.started(LatentCode.cleared(layout), Origin.FREE, false);
        assertNull(s.input(), "a code from nowhere drops the input");
        assertEquals(Origin.FREE, s.originOfStep(encoded));
        assertEquals("Input", s.captionProperty().get());
    }
}
