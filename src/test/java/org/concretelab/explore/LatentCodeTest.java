package org.concretelab.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.junit.jupiter.api.Test;

class LatentCodeTest {
    static final LatentLayout BINARY = new LatentLayout(LatentKind.BINARY, 4, 2, 1);
    static final LatentLayout CATEGORICAL = new LatentLayout(LatentKind.CATEGORICAL, 3, 4, 0);
    /** 3 units of 8 classes as corners of {−1, 1}³, then one Gaussian unit. */
    static final LatentLayout CORNERS = new LatentLayout(LatentKind.CORNERS, 3, 8, 1);

    @Test
    void flippingABinaryUnitTogglesItsOneSlotOnly() {
        LatentCode c = LatentCode.of(BINARY, new float[] {0, 1, 0, 0, 0.5f});
        assertArrayEquals(new float[] {1, 1, 0, 0, 0.5f}, c.flip(0).values());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0.5f}, c.flip(1).values());
        assertEquals(c, c.flip(2).flip(2));
    }

    @Test
    void flippingACategoricalUnitMovesItToTheNextClassWrapping() {
        LatentCode c = LatentCode.cleared(CATEGORICAL).withClass(1, 3);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}, c.values());
        assertEquals(0, c.flip(1).classOf(1), "class 3 of 4 wraps to 0");
        assertEquals(1, c.flip(0).classOf(0));
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}, c.flip(0).values(), "still one-hot");
    }

    @Test
    void clearingGivesBinaryZerosAndTheFirstClassOfEachCategoricalUnit() {
        assertArrayEquals(new float[5], LatentCode.cleared(BINARY).values());
        LatentCode c = LatentCode.cleared(CATEGORICAL);
        for (int u = 0; u < 3; u++) {
            assertEquals(0, c.classOf(u));
            assertTrue(c.isOn(u * 4));
        }
    }

    @Test
    void aToggleSwitchesABinaryUnitOrChoosesACategoricalClass() {
        LatentCode b = LatentCode.cleared(BINARY);
        assertTrue(b.withSlot(2, true).isOn(2));
        assertFalse(b.withSlot(2, true).withSlot(2, false).isOn(2));
        LatentCode c = LatentCode.cleared(CATEGORICAL);
        assertEquals(2, c.withSlot(6, true).classOf(1)); // slot 6 = unit 1, class 2
        assertSame(c, c.withSlot(4, false), "a categorical class switched off alone leaves the code as it is");
    }

    @Test
    void gaussianUnitsFollowTheDiscreteSlots() {
        LatentCode c = LatentCode.cleared(BINARY).withGaussian(0, -1.5f);
        assertEquals(-1.5f, c.gaussian(0));
        assertEquals(-1.5f, c.values()[4]);
        assertEquals(4, c.discreteSlots());
    }

    @Test
    void differingUnitsAndTakingUnitsFromAnotherCode() {
        LatentCode a = LatentCode.cleared(CATEGORICAL);
        LatentCode b = a.withClass(0, 2).withClass(2, 1);
        assertEquals(List.of(0, 2), a.differingUnits(b));
        assertEquals(b, a.withUnitFrom(b, 0).withUnitFrom(b, 2));
    }

    @Test
    void codesAreCopiedInAndOutAndCheckedAgainstTheLayout() {
        float[] v = new float[5];
        LatentCode c = LatentCode.of(BINARY, v);
        v[0] = 1;
        c.values()[1] = 1;
        assertArrayEquals(new float[5], c.values());
        assertThrows(IllegalArgumentException.class, () -> LatentCode.of(BINARY, new float[4]));
        assertThrows(IllegalArgumentException.class, () -> c.withClass(4, 0));
        assertThrows(IllegalArgumentException.class, () -> c.differingUnits(LatentCode.cleared(CATEGORICAL)));
    }

    @Test
    void aClearedCornerUnitIsAllMinusOneClassZero() {
        LatentCode c = LatentCode.cleared(CORNERS);
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 0}, c.values());
        assertEquals(9, c.discreteSlots());
        for (int u = 0; u < 3; u++) {
            assertEquals(0, c.classOf(u));
        }
        for (int slot = 0; slot < 9; slot++) {
            assertFalse(c.isOn(slot));
        }
    }

    @Test
    void aCornerUnitsClassIsItsBitsAsTheModelWritesThem() {
        for (int k = 0; k < 8; k++) {
            LatentCode c = LatentCode.cleared(CORNERS).withClass(1, k);
            for (int j = 0; j < 3; j++) {
                assertEquals(org.concretelab.model.latent.CategoricalCode.corner(j, k), c.values()[3 + j], "class " + k + ", bit " + j);
                assertEquals(((k >> j) & 1) == 1, c.isOn(3 + j));
            }
            assertEquals(k, c.classOf(1));
            assertEquals(0, c.classOf(0));
        }
        assertArrayEquals(new float[] {-1, -1, -1, -1, 1, 1, -1, -1, -1, 0}, LatentCode.cleared(CORNERS).withClass(1, 6).values());
        assertEquals(5, LatentCode.of(CORNERS, new float[] {1, -1, 1, 0, 0, 0, 0, 0, 0, 0}).classOf(0), "bit 0 and bit 2");
        assertThrows(IllegalArgumentException.class, () -> LatentCode.cleared(CORNERS).withClass(0, 8));
    }

    @Test
    void aCornerToggleSetsOneCoordinateAndEveryCombinationIsAClass() {
        LatentCode c = LatentCode.cleared(CORNERS);
        LatentCode one = c.withSlot(5, true); // unit 1, bit 2
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, 1, -1, -1, -1, 0}, one.values());
        assertEquals(4, one.classOf(1));
        assertTrue(one.isOn(5));
        assertEquals(6, one.withSlot(4, true).classOf(1));
        assertEquals(c, one.withSlot(5, false), "switching a bit off moves the unit back");
        assertEquals(one, one.withSlot(5, true));
        assertEquals(7, c.withSlot(3, true).withSlot(4, true).withSlot(5, true).classOf(1));
    }

    @Test
    void flippingACornerUnitMovesItToTheNextClassWrapping() {
        LatentCode c = LatentCode.cleared(CORNERS).withClass(2, 3);
        assertEquals(4, c.flip(2).classOf(2));
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1, -1, -1, 1, 0}, c.flip(2).values(), "3 = 011 → 4 = 100");
        assertEquals(0, c.withClass(2, 7).flip(2).classOf(2), "class 7 of 8 wraps to 0");
        assertEquals(1, c.flip(0).classOf(0));
        assertEquals(List.of(2), LatentCode.cleared(CORNERS).differingUnits(c));
        assertEquals(c, LatentCode.cleared(CORNERS).withUnitFrom(c, 2));
        assertEquals(-1.5f, c.withGaussian(0, -1.5f).values()[9]);
    }
}
