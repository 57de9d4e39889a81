package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ParameterShapes mirrors ConcreteVae; MemoryEstimate refuses huge models at once and accepts the default. */
class ParameterShapesTest {

    @Test
    void shapesFromTheSpecAreExactlyTheModelsParameters() {
        for (Architecture a : Architecture.values()) {
            for (ModelSpec spec : new ModelSpec[] {
                new ModelSpec(a, LatentKind.BINARY, 6, 2, 0, 10, 2.0 / 3, 0.5, 1, 1e-3),
                new ModelSpec(a, LatentKind.CATEGORICAL, 5, 3, 4, 7, 1, 2.0 / 3, 2, 1e-3),
                new ModelSpec(a, LatentKind.CORNERS, 5, 8, 0, 7, 2.0 / 3, 0.4, 1, 1e-3),
                new ModelSpec(a, LatentKind.CORNERS, 3, 4, 2, 7, 1, 2.0 / 3, 2, 1e-3),
                new ModelSpec(a, LatentKind.BINARY, 6, 2, 2, 10, 2.0 / 3, 0.5, 1, 1e-3, "nvil")}) {
                Map<String, long[]> expected = ParameterShapes.of(spec);
                Map<String, ModelState.NamedArray> actual = VaeModels.create(spec, 1).state().arrays();
                assertEquals(2 * expected.size(), actual.size(), spec.describe());
                expected.forEach((name, shape) -> {
                    assertNotNull(actual.get(name), name);
                    assertArrayEquals(shape, actual.get(name).shape(), spec.describe() + " " + name);
                });
            }
        }
    }

    @Test
    void aCompletionModelHasPriorNetworksFromTheTopHalfAndNoEncoder() {
        for (Architecture a : Architecture.values()) {
            for (ModelSpec spec : new ModelSpec[] {
                new ModelSpec(a, LatentKind.BINARY, 6, 2, 0, 10, 2.0 / 3, 0.5, 1, 1e-3, "concrete", "completion"),
                new ModelSpec(a, LatentKind.CORNERS, 5, 4, 0, 7, 1, 2.0 / 3, 2, 1e-3, "vimco", "completion"),
                new ModelSpec(a, LatentKind.BINARY, 6, 2, 0, 10, 2.0 / 3, 0.5, 1, 1e-3, "nvil", "completion")}) {
                Map<String, long[]> expected = ParameterShapes.of(spec);
                Map<String, ModelState.NamedArray> actual = VaeModels.create(spec, 1).state().arrays();
                assertEquals(2 * expected.size(), actual.size(), spec.describe());
                expected.forEach((name, shape) -> {
                    assertNotNull(actual.get(name), name);
                    assertArrayEquals(shape, actual.get(name).shape(), spec.describe() + " " + name);
                });
                assertTrue(expected.keySet().stream().noneMatch(n -> n.startsWith("encoder") || n.equals("prior.logits")),
                        expected.keySet().toString());
            }
        }
        ModelSpec paper = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 240, 2, 0, 240, 2.0 / 3, 0.5, 1, 1e-3,
                "concrete", "completion");
        Map<String, long[]> shapes = ParameterShapes.of(paper);
        assertArrayEquals(new long[] {392, 240}, shapes.get("prior2.0.W"), "the top half's network");
        assertArrayEquals(new long[] {240, 240}, shapes.get("prior1.0.W"));
        assertArrayEquals(new long[] {240, 392}, shapes.get("decoder.2.W"), "the bottom half");
        assertEquals("392V~240H~240H~392V binary m=1 (completion)", paper.describe());
    }

    @Test
    void aCornerModelTakesKLogitsPerUnitButFeedsOnLog2KValues() {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CORNERS, 5, 8, 2, 7, 2.0 / 3, 0.4, 1, 1e-3);
        Map<String, long[]> shapes = ParameterShapes.of(spec);
        assertArrayEquals(new long[] {7, 5 * 8 + 2 * 2}, shapes.get("encoder1.2.W"), "K logits per unit, μ and log σ²");
        assertArrayEquals(new long[] {5 * 3 + 2, 7}, shapes.get("encoder2.0.W"), "log2 K code values per unit");
        assertArrayEquals(new long[] {5 * 3 + 2, 7}, shapes.get("prior1.0.W"));
        assertArrayEquals(new long[] {5 * 3 + 2, 7}, shapes.get("decoder.0.W"));
        assertArrayEquals(new long[] {1, 5 * 8}, shapes.get("prior.logits"));
    }

    private static ModelSpec with(int units, int gaussian, int hidden) {
        return new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, units, 2, gaussian, hidden, 2.0 / 3, 0.5, 1, 1e-3);
    }

    @Test
    void hugeModelsAreRefusedWithTheFigureAndTheDefaultFits() {
        // limits of a machine like the development VM: 6 GB heap, 6 GB native, 24 GB RAM
        double gb = 1e9;
        assertNull(MemoryEstimate.of(ModelSpec.defaults(), 100).problem(6 * gb, 6 * gb, 24 * gb));
        assertNull(MemoryEstimate.of(ModelSpec.defaults(), 100).problemHere());
        String hidden = MemoryEstimate.of(with(200, 0, 100_000), 100).problem(6 * gb, 6 * gb, 24 * gb);
        assertTrue(hidden.startsWith("this model needs about ") && hidden.contains("this JVM may use 12 GB") && hidden.contains("machine with 24 GB"), hidden);
        for (ModelSpec huge : new ModelSpec[] {with(200, 1_000_000, 200), with(10_000_000, 0, 200)}) {
            String m = MemoryEstimate.of(huge, 100).problem(6 * gb, 6 * gb, 24 * gb);
            assertTrue(m != null && m.contains(" GB"), huge.describe() + ": " + m);
        }
        String jvm = MemoryEstimate.of(with(200, 0, 10_000), 100).problem(2 * gb, 2 * gb, 24 * gb);
        assertTrue(jvm.contains("this JVM may use 4 GB (2 GB heap, 2 GB native)") && jvm.contains("-Xmx"), jvm);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VaeModels.create(with(200, 0, 100_000), 1));
        assertTrue(e.getMessage().contains("this model needs about"), e.getMessage());
    }
}
