package org.concretelab.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemm.record sees the products made while it runs, in order and with their transposes, and nothing after. */
class GemmRecordTest {

    @Test
    void recordsTheShapesOfTheProductsMadeInsideOnly() {
        Mat a = new Mat(3, 4);
        Mat b = new Mat(4, 5);
        Mat c = new Mat(3, 5);
        Mat d = new Mat(4, 4);
        List<Gemm.Shape> shapes = Gemm.record(() -> {
            Gemm.gemm(a, false, b, false, c, 1f, 0f);
            Gemm.gemm(a, true, a, false, d, 1f, 0f); // 4×3ᵀ · 3×4
        });
        assertEquals(List.of(new Gemm.Shape(3, 5, 4, false, false), new Gemm.Shape(4, 4, 3, true, false)), shapes);
        assertEquals(2.0 * 3 * 5 * 4, shapes.get(0).flops());
        List<Gemm.Shape> none = Gemm.record(() -> { });
        Gemm.gemm(a, false, b, false, c, 1f, 0f);
        assertEquals(List.of(), none);
    }
}
