package org.concretelab.ui.concrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Concrete tab's state and computations, without a stage. */
class ConcreteViewModelTest {

    @Test
    void coolingMovesTheCloudToTheVerticesWhileTheArgmaxSharesFollowAlpha() {
        ConcreteViewModel vm = new ConcreteViewModel();
        vm.pointCountProperty().set(10_000);
        vm.lambdaProperty().set(5);
        double hot = vm.meanVertexDistanceProperty().get();
        long before = vm.revisionProperty().get();
        vm.lambdaProperty().set(0.05);
        assertTrue(vm.revisionProperty().get() > before, "a change asks the view to draw");
        assertTrue(vm.meanVertexDistanceProperty().get() < 0.1 * hot, hot + " → " + vm.meanVertexDistanceProperty().get());
        double[] p = vm.concrete().probabilities();
        double[] shares = vm.cloud().argmaxShares();
        for (int k = 0; k < p.length; k++) {
            assertEquals(p[k], shares[k], 0.02, "class " + k);
        }
    }

    @Test
    void aNewDimensionGetsItsOwnWeightsAndNotableTemperatures() {
        ConcreteViewModel vm = new ConcreteViewModel();
        vm.dimensionProperty().set(5);
        assertEquals(5, vm.logAlpha().size());
        assertEquals(5, vm.cloud().dimension());
        assertEquals(0.25, vm.notableTemperatures().get(2).value(), 1e-12);
        vm.logAlpha().get(0).set(1); // α1 = 10
        assertEquals(10, vm.alpha()[0], 1e-9);
        vm.resetAlpha();
        assertEquals(ConcreteViewModel.defaultAlpha(5, 0), vm.alpha()[0], 1e-9);
    }
}
