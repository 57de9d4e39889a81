package org.concretelab.ui.gradients;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executor;
import org.concretelab.data.Binarization;
import org.concretelab.data.Datasets;
import org.concretelab.data.FashionData;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** Issue 29: a comparison scores a model on its own dataset's test images, whichever source is selected. */
class GradientsDatasetTest {
    private static final ModelSpec TINY = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16,
            2.0 / 3, 0.5, 1, 1e-3);
    private static final Executor NOW = Runnable::run;

    private final GradientsViewModel vm = new GradientsViewModel(NOW, NOW);
    private final TestImages digits = new TestImages(Datasets.MNIST, new float[784]);
    private final TestImages clothes = new TestImages(Datasets.FASHION_MNIST, new float[784]);

    @Test
    void eachSourceNeedsTheImagesOfItsModelsDataset() {
        vm.shippedModelProperty().set(VaeModels.create(TINY, 1));
        vm.testImagesProperty().set(digits);
        assertSame(Datasets.MNIST, vm.neededDatasetProperty().get(), "the shipped model is an MNIST model");
        assertTrue(vm.canRunProperty().get());

        vm.loadedDatasetProperty().set(Datasets.FASHION_MNIST);
        vm.loadedModelProperty().set(VaeModels.create(TINY, 2)); // selects the loaded model
        assertSame(GradientsViewModel.Source.LOADED, vm.sourceProperty().get());
        assertSame(Datasets.FASHION_MNIST, vm.neededDatasetProperty().get());
        assertFalse(vm.canRunProperty().get(), "never a clothes model scored on digits");
        assertTrue(vm.statusProperty().get().contains("Waiting for the Fashion-MNIST test images"), vm.statusProperty().get());
        vm.run(); // ignored: nothing starts on the wrong images
        assertFalse(vm.runningProperty().get());

        vm.testImagesProperty().set(clothes);
        assertTrue(vm.canRunProperty().get());
        vm.sourceProperty().set(GradientsViewModel.Source.SHIPPED);
        assertFalse(vm.canRunProperty().get(), "back on the shipped model: digits needed again");
        vm.testImagesProperty().set(digits);
        assertTrue(vm.canRunProperty().get());
    }

    @Test
    void aTrainingRunNeedsTheImagesOfTheDatasetItTrainsOn() {
        MnistSplits fashion = MnistSplits.load(Datasets.FASHION_MNIST, FashionData.dirOrSkip()); // never trained on here
        TrainingOptions o = new TrainingOptions(TINY, 20, 1, 3, Binarization.DYNAMIC, 0, 0, 5, null, 0)
                .withDataset(Datasets.FASHION_MNIST);
        vm.sourceProperty().set(GradientsViewModel.Source.TRAINING);
        assertSame(Datasets.MNIST, vm.neededDatasetProperty().get(), "no run yet");
        vm.trainerProperty().set(new Trainer(o, fashion));
        assertSame(Datasets.FASHION_MNIST, vm.neededDatasetProperty().get());
    }
}
