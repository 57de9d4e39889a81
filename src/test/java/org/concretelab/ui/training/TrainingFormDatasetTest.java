package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.concretelab.data.Datasets;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** The Training form's dataset: in the options it starts, checked against its own training split, remembered. */
class TrainingFormDatasetTest {

    @Test
    void theChosenDatasetIsTheRunsAndBoundsItsTrainImages() {
        TrainingFormViewModel vm = new TrainingFormViewModel();
        assertSame(Datasets.MNIST, vm.options().dataset(), "MNIST by default");
        vm.datasetProperty().set(Datasets.FASHION_MNIST);
        assertSame(Datasets.FASHION_MNIST, vm.options().dataset());
        vm.datasetProperty().set(Datasets.OMNIGLOT);
        vm.trainLimitProperty().set("24000");
        assertNull(vm.options(), "Omniglot trains on 23,000 images");
        assertTrue(vm.problemProperty().get().contains("23,000") && vm.problemProperty().get().contains("Omniglot"),
                vm.problemProperty().get());
        vm.trainLimitProperty().set("23000");
        assertNotNull(vm.options());
    }

    @Test
    void aLoadedRunsDatasetIsShownAndTheChoiceIsRemembered() {
        TrainingFormViewModel vm = new TrainingFormViewModel();
        vm.show(TrainingOptions.defaults().withDataset(Datasets.FASHION_MNIST));
        assertSame(Datasets.FASHION_MNIST, vm.datasetProperty().get());
        Map<String, String> saved = vm.values();
        assertEquals("fashion-mnist", saved.get("dataset"));
        TrainingFormViewModel again = new TrainingFormViewModel();
        again.restore(saved);
        assertSame(Datasets.FASHION_MNIST, again.datasetProperty().get());
        TrainingFormViewModel unknown = new TrainingFormViewModel();
        unknown.restore(Map.of("dataset", "cifar"));
        assertSame(Datasets.MNIST, unknown.datasetProperty().get(), "another version's choice gives way to the default");
    }
}
