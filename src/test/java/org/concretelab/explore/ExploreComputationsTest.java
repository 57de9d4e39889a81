package org.concretelab.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.Architecture;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;

/** Sensitivity, interpolation and sampling over a model, without any UI. */
class ExploreComputationsTest {
    private static final LatentLayout BINARY = new LatentLayout(LatentKind.BINARY, 4, 2, 0);
    private static final LatentLayout CATEGORICAL = new LatentLayout(LatentKind.CATEGORICAL, 2, 3, 0);

    @Test
    void sensitivityIsTheMeanPixelChangeOfFlippingEachUnitAlone() {
        FakeDecoder m = new FakeDecoder(BINARY);
        LatentCode c = LatentCode.cleared(BINARY).flip(1);
        double[] s = Sensitivity.of(m, c, m.decode(c.values()));
        // each code value fills a quarter of the pixels: one flip changes 196 of 784 pixels by 1
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, s, 1e-12);
        assertEquals(1 + 4, m.decodes, "one decode per unit");
    }

    @Test
    void categoricalSensitivityIsSharedByTheUnitsSlots() {
        FakeDecoder m = new FakeDecoder(CATEGORICAL);
        LatentCode c = LatentCode.cleared(CATEGORICAL);
        double[] s = Sensitivity.of(m, c, m.decode(c.values()));
        assertEquals(6, s.length);
        assertEquals(s[0], s[1]);
        assertEquals(s[0], s[2]);
        assertEquals(s[3], s[5]);
        assertTrue(s[0] > 0);
    }

    @Test
    void cornerSensitivityIsPerBitAsItsTogglesFlipThem() {
        LatentLayout corners = new LatentLayout(LatentKind.CORNERS, 2, 4, 0);
        FakeDecoder m = new FakeDecoder(corners);
        LatentCode c = LatentCode.cleared(corners).withClass(1, 2);
        double[] s = Sensitivity.of(m, c, m.decode(c.values()));
        // 4 code values, each fills a quarter of the pixels: flipping one between −1 and 1 changes them by 2
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, s, 1e-12);
        assertEquals(1 + 4, m.decodes, "one decode per bit");
    }

    @Test
    void aRealCornerModelSamplesValidCodesAndInterpolates() {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.CORNERS, 5, 4, 0, 20, 1, 2.0 / 3, 1, 1e-3);
        VaeModel m = VaeModels.create(spec, 1);
        LatentCode from = CodeSampler.prior(m, 3);
        LatentCode to = CodeSampler.uniform(m.latentLayout(), 11);
        for (float v : to.values()) {
            assertEquals(1f, Math.abs(v), "a corner's coordinate");
        }
        List<Interpolation.Frame> frames = Interpolation.between(m, from, to, 3);
        assertArrayEquals(m.decode(to.values()), frames.get(3).means());
        assertEquals(10, Sensitivity.of(m, from, m.decode(from.values())).length);
    }

    @Test
    void interpolationFlipsTheDifferingUnitsInOrderAndEndsOnTheTarget() {
        FakeDecoder m = new FakeDecoder(BINARY);
        LatentCode from = LatentCode.cleared(BINARY);
        LatentCode to = from.flip(0).flip(2);
        List<Interpolation.Frame> frames = Interpolation.between(m, from, to, 4);
        assertEquals(5, frames.size());
        int[] flipped = frames.stream().mapToInt(Interpolation.Frame::flipped).toArray();
        assertArrayEquals(new int[] {0, 1, 1, 2, 2}, flipped); // round(2·f/4)
        assertArrayEquals(m.decode(from.values()), frames.get(0).means());
        assertArrayEquals(m.decode(from.flip(0).values()), frames.get(1).means(), "unit 0 goes first");
        assertArrayEquals(m.decode(to.values()), frames.get(4).means());
        frames.forEach(f -> assertEquals(2, f.total()));
    }

    @Test
    void interpolationTakesTheTargetsGaussianPartAtTheEnd() {
        LatentLayout mixed = new LatentLayout(LatentKind.BINARY, 2, 2, 1);
        FakeDecoder m = new FakeDecoder(mixed);
        LatentCode from = LatentCode.cleared(mixed);
        LatentCode to = from.withGaussian(0, 2f);
        List<Interpolation.Frame> frames = Interpolation.between(m, from, to, 2);
        assertEquals(0, frames.get(1).total());
        assertArrayEquals(m.decode(to.values()), frames.get(2).means());
    }

    @Test
    void uniformCodesAreValidReproducibleAndVaried() {
        LatentLayout layout = new LatentLayout(LatentKind.CATEGORICAL, 50, 4, 2);
        LatentCode a = CodeSampler.uniform(layout, 7);
        assertEquals(a, CodeSampler.uniform(layout, 7));
        assertNotEquals(a, CodeSampler.uniform(layout, 8));
        float[] v = a.values();
        int[] classes = new int[4];
        for (int u = 0; u < 50; u++) {
            float sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += v[u * 4 + k];
            }
            assertEquals(1f, sum, "one-hot unit " + u);
            classes[a.classOf(u)]++;
        }
        for (int k = 0; k < 4; k++) {
            assertTrue(classes[k] > 0, "class " + k + " drawn");
        }
    }

    @Test
    void aBinaryImageFromMeansIsBinaryAndTheSameForTheSameMeans() {
        float[] means = new float[784];
        for (int i = 0; i < means.length; i++) {
            means[i] = i < 392 ? 0f : 1f;
        }
        float[] image = CodeSampler.binaryImage(means);
        assertArrayEquals(means, image, "probabilities 0 and 1 give those pixels");
        float[] half = new float[784];
        java.util.Arrays.fill(half, 0.5f);
        assertArrayEquals(CodeSampler.binaryImage(half), CodeSampler.binaryImage(half.clone()));
    }

    @Test
    void aRealModelDecodesEveryFlipOfACategoricalCodeAndItsPrior() {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.CATEGORICAL, 6, 3, 0, 20, 0.5, 0.5, 1, 1e-3);
        VaeModel m = VaeModels.create(spec, 1);
        LatentCode c = CodeSampler.prior(m, 3);
        assertEquals(m.latentLayout(), c.layout());
        double[] s = Sensitivity.of(m, c, m.decode(c.values()));
        assertEquals(18, s.length);
        for (double v : s) {
            assertTrue(v > 0 && v < 1, "sensitivity " + v);
        }
    }
}
