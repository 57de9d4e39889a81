package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The three discrete codes' layouts, their validation, names and default temperatures. */
class LatentLayoutTest {

    @Test
    void aCornerUnitTakesLog2KCodeValuesAndKMeans() {
        LatentLayout l = new LatentLayout(LatentKind.CORNERS, 5, 8, 2);
        assertEquals(3, l.slotsPerUnit());
        assertEquals(5 * 3 + 2, l.codeLength());
        assertEquals(5 * 8 + 2, l.meanWidth(), "posterior means stay K class probabilities per unit");
        assertEquals(4, l.unitOfMean(39));
        assertEquals(6, l.unitOfMean(41));
        assertEquals(1, new LatentLayout(LatentKind.CORNERS, 3, 2, 0).slotsPerUnit());
        assertEquals(4, new LatentLayout(LatentKind.CATEGORICAL, 3, 4, 0).slotsPerUnit());
        assertEquals(1, new LatentLayout(LatentKind.BINARY, 3, 2, 0).slotsPerUnit());
    }

    @Test
    void cornerLayoutsNeedAPowerOfTwo() {
        for (int k : new int[] {0, 1, 3, 6, 10}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LatentLayout(LatentKind.CORNERS, 4, k, 0), "K = " + k);
            assertTrue(e.getMessage().contains("classes must be"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentLayout(LatentKind.CORNERS, 4, 6, 0))
                .getMessage().contains("power of two"));
        new LatentLayout(LatentKind.CATEGORICAL, 4, 6, 0); // one-hot codes take any K
        assertEquals(LatentKind.CORNERS, LatentKind.parse("corners"));
        assertEquals(LatentKind.CORNERS, LatentKind.parse("Corners"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LatentKind.parse("corner")).getMessage()
                .contains("binary, categorical, corners"));
    }

    private static ModelSpec corners(int units, int k) {
        return new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, units, k, 0, 200, 1, 2.0 / 3, 1, 1e-3);
    }

    @Test
    void aCornerSpecValidatesKAndIsNamedByItsCodeValuesAsInThePaper() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> corners(120, 6));
        assertEquals("classes", e.field());
        assertEquals("classes must be a power of two for corner latents: corner codes need K to be a power of two"
                + " (2, 4, 8, …), was 6", e.getMessage());
        assertEquals("classes", assertThrows(InvalidSettingException.class, () -> corners(120, 1)).field());
        // "240H": 240 binary, 120 4-ary or 80 8-ary variables
        assertEquals("240H~784V 4-ary corners (120 units) m=1", corners(120, 4).describe());
        assertEquals("240H~784V 8-ary corners (80 units) m=1", corners(80, 8).describe());
        assertEquals("240H~784V 2-ary corners (240 units) m=1", corners(240, 2).describe());
        ModelSpec two = new ModelSpec(Architecture.LINEAR_TWO, LatentKind.CORNERS, 100, 4, 3, 200, 1, 2.0 / 3, 5, 1e-3);
        assertEquals("200H-200H-784V 4-ary corners (100 units) +3 Gaussian m=5", two.describe());
        // the other kinds keep their names
        assertEquals("200H~784V binary m=1", ModelSpec.defaults().describe());
        assertEquals("200H~784V 4-way one-hot m=1", new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CATEGORICAL, 200, 4, 0, 200,
                1, 2.0 / 3, 1, 1e-3).describe());
    }

    @Test
    void thePapersTemperaturesForNaryLatents() {
        double[][] expected = {{2, 2.0 / 3, 0.5}, {4, 1, 2.0 / 3}, {8, 2.0 / 3, 0.4}, {16, 1, 2.0 / 3}};
        for (double[] row : expected) {
            int k = (int) row[0];
            assertEquals(row[1], PaperDefaults.lambdaPosterior(LatentKind.CORNERS, k), 1e-12, "λ1, K = " + k);
            assertEquals(row[2], PaperDefaults.lambdaPrior(LatentKind.CORNERS, k), 1e-12, "λ2, K = " + k);
        }
        assertEquals(2.0 / 3, PaperDefaults.lambdaPosterior(LatentKind.BINARY, 2), 1e-12);
        assertEquals(0.5, PaperDefaults.lambdaPrior(LatentKind.BINARY, 2), 1e-12);
        for (int k : new int[] {2, 4, 8, 10}) { // one-hot categorical latents keep 1 and 2/3 whatever K
            assertEquals(1.0, PaperDefaults.lambdaPosterior(LatentKind.CATEGORICAL, k), 1e-12);
            assertEquals(2.0 / 3, PaperDefaults.lambdaPrior(LatentKind.CATEGORICAL, k), 1e-12);
        }
        assertEquals(PaperDefaults.lambdaPosterior(LatentKind.BINARY, 2), PaperDefaults.lambdaPosterior(LatentKind.BINARY));
        assertEquals(PaperDefaults.lambdaPrior(LatentKind.CATEGORICAL, 4), PaperDefaults.lambdaPrior(LatentKind.CATEGORICAL));
    }
}
