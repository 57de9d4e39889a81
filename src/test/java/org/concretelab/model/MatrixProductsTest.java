package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.concretelab.model.MatrixProducts.Product;
import org.concretelab.model.nn.Gemm;
import org.concretelab.model.nn.Mat;
import org.junit.jupiter.api.Test;

/** MatrixProducts sees the products its work makes, in order and with their transposes: not another thread's, nothing after. */
class MatrixProductsTest {

    @Test
    void recordsTheShapesOfTheProductsMadeInsideOnly() {
        Mat a = new Mat(3, 4);
        Mat b = new Mat(4, 5);
        Mat c = new Mat(3, 5);
        Mat d = new Mat(4, 4);
        List<Product> shapes = MatrixProducts.of(() -> {
            Gemm.gemm(a, false, b, false, c, 1f, 0f);
            Thread other = new Thread(() -> Gemm.gemm(b, true, b, false, new Mat(5, 5), 1f, 0f)); // not this work's
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            Gemm.gemm(a, true, a, false, d, 1f, 0f); // 4×3ᵀ · 3×4
        });
        assertEquals(List.of(new Product(3, 5, 4, false, false), new Product(4, 4, 3, true, false)), shapes);
        assertEquals(2.0 * 3 * 5 * 4, shapes.get(0).flops());
        assertEquals("4×3ᵀ · 3×4", shapes.get(1).toString());
        List<Product> none = MatrixProducts.of(() -> { });
        Gemm.gemm(a, false, b, false, c, 1f, 0f);
        assertEquals(List.of(), none);
        assertTrue(MatrixProducts.seconds(shapes.get(0)) > 0);
    }
}
