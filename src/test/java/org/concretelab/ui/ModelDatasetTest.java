package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.concretelab.data.Binarization;
import org.concretelab.data.Datasets;
import org.concretelab.data.FashionData;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status line names the model's dataset, and the model tabs take that dataset's test images. */
@ExtendWith(ApplicationExtension.class)
class ModelDatasetTest {
    private ExplorerApp app;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        app = new ExplorerApp();
        stage.setScene(new Scene(app.build(AppContext.standard()), 1260, 760));
        stage.show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theShippedModelIsNamedAsAnMnistModel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#model-label").contains("shipped")
                && text(robot, "#data-label").contains("MNIST 50,000"));
        assertTrue(text(robot, "#model-label").contains(", MNIST (shipped"), text(robot, "#model-label"));
    }

    @Test
    void theShippedFashionModelOpensInTheLatentsTabWithClothes(FxRobot robot) throws Exception {
        FashionData.dirOrSkip();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#model-label").contains("shipped"));
        TrainingCheckpoint shipped = AppContext.standard().shippedModel(AppContext.SHIPPED_FASHION_MODEL).orElseThrow();
        assertSame(Datasets.FASHION_MNIST, shipped.options().dataset());
        robot.interact(() -> app.showShipped(AppContext.standard(), AppContext.SHIPPED_FASHION_MODEL));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#data-label").contains("Fashion-MNIST 50,000")
                && text(robot, "#model-label").contains(", Fashion-MNIST (shipped, 30 epochs)"));
        assertTrue(app.latents().getScene() != null, "the Latents tab is shown (only the selected tab's pane is in the scene)");
        assertEquals(shipped.options().spec(), app.latents().modelProperty().get().spec());
    }

    /** Back from the clothes to a shipped MNIST model in the Latents tab's box: digits again, never clothes under a digit model. */
    @Test
    @SuppressWarnings("unchecked")
    void choosingAShippedMnistModelAfterTheFashionOneBringsTheDigitsBack(FxRobot robot) throws Exception {
        FashionData.dirOrSkip();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#model-label").contains("shipped"));
        robot.interact(() -> app.showShipped(AppContext.standard(), AppContext.SHIPPED_FASHION_MODEL));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#data-label").contains("Fashion-MNIST 50,000"));
        var box = (javafx.scene.control.ComboBox<Object>) robot.lookup("#latents-model-box").query();
        robot.interact(() -> box.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#data-label").startsWith("data: MNIST 50,000"));
        assertTrue(text(robot, "#model-label").contains(", MNIST (shipped"), "the status line names an MNIST model again: "
                + text(robot, "#model-label"));
    }

    @Test
    void aFashionModelLoadedBringsFashionImagesToTheModelTabs(FxRobot robot) throws Exception {
        Path fashion = FashionData.dirOrSkip();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#data-label").contains("MNIST 50,000")
                && app.gradients().viewModel().testImagesProperty().get() != null);
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 8, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-3);
        TrainingOptions o = new TrainingOptions(spec, 20, 1, 3, Binarization.DYNAMIC, 0, 0, 5, null, 0)
                .withDataset(Datasets.FASHION_MNIST);
        Path file = dir.resolve("fashion.ckpt");
        Checkpoints.save(file, new TrainingCheckpoint(o, VaeModels.create(spec, 3).state(), 0, 0, 0));
        robot.interact(() -> app.training().loadCheckpoint(file));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#data-label").contains("Fashion-MNIST 50,000"));
        assertTrue(text(robot, "#model-label").contains(", Fashion-MNIST (loaded)"), text(robot, "#model-label"));
        float[] expected = MinibatchIterator.fixedBinarized(MnistSplits.load(Datasets.FASHION_MNIST, fashion).test().limit(100),
                Trainer.EVALUATION_SEED);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.gradients().viewModel().testImagesProperty().get().dataset()
                == Datasets.FASHION_MNIST);
        assertArrayEquals(expected, app.gradients().viewModel().testImagesProperty().get().binarized(), 0f,
                "the Gradients tab scores the model on Fashion-MNIST's test images");
    }

    /**
     * A Fashion-MNIST run training while the Latents tab does not follow it, and the Gradients tab looks at the shipped
     * model: both keep MNIST's digits (their models' dataset); each tab takes clothes only when it shows the run's model.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aFashionRunChangesOnlyTheImagesOfTheTabsThatShowItsModel(FxRobot robot) throws Exception {
        FashionData.dirOrSkip();
        var gradients = app.gradients().viewModel();
        var latents = app.latents().viewModel();
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#model-label").contains("shipped")
                    && text(robot, "#data-label").startsWith("data: MNIST 50,000") && gradients.testImagesProperty().get() != null
                    && latents.inputProperty().get() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not ready: " + text(robot, "#model-label") + ", " + text(robot, "#data-label")
                    + ", images " + gradients.testImagesProperty().get() + ", input " + latents.inputProperty().get()
                    + ", model " + latents.modelProperty().get() + ", status " + latents.statusProperty().get(), e);
        }
        float[] digit = latents.inputProperty().get();
        robot.interact(() -> latents.followTrainingProperty().set(false));
        robot.interact(() -> app.select("training-tab"));
        robot.interact(() -> {
            ((javafx.scene.control.ChoiceBox<org.concretelab.data.Dataset>) robot.lookup("#dataset-choice").query())
                    .setValue(Datasets.FASHION_MNIST);
            robot.lookup("#epochs-field").queryAs(javafx.scene.control.TextField.class).setText("20");
            robot.lookup("#train-limit-field").queryAs(javafx.scene.control.TextField.class).setText("5000");
        });
        robot.clickOn("#start-button");
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.training().trainerProperty().get() != null
                    && app.training().trainerProperty().get().step() > 3);
            assertSame(Datasets.FASHION_MNIST, app.training().trainerProperty().get().options().dataset());
            WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS); // time for any wrongly triggered image load to arrive
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(text(robot, "#model-label").contains(", Fashion-MNIST (training)"), text(robot, "#model-label"));
            assertSame(Datasets.MNIST, latents.datasetProperty().get());
            assertSame(digit, latents.inputProperty().get(), "the Latents tab keeps its digit");
            assertTrue(text(robot, "#data-label").startsWith("data: MNIST 50,000"), text(robot, "#data-label"));
            assertSame(Datasets.MNIST, gradients.testImagesProperty().get().dataset(), "the shipped model is scored on digits");
            assertTrue(gradients.canRunProperty().get());

            // the Gradients tab on the run: its images are the run's (and it cannot run before they come)
            robot.interact(() -> gradients.sourceProperty().set(org.concretelab.ui.gradients.GradientsViewModel.Source.TRAINING));
            assertSame(Datasets.FASHION_MNIST, gradients.neededDatasetProperty().get());
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> gradients.testImagesProperty().get().dataset()
                    == Datasets.FASHION_MNIST);
            // the Latents tab following the run: clothes, and the digit never shown beside the run's code
            robot.interact(() -> latents.followTrainingProperty().set(true));
            try {
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> latents.datasetProperty().get() == Datasets.FASHION_MNIST
                        && text(robot, "#data-label").startsWith("data: Fashion-MNIST 50,000")
                        && latents.inputProperty().get() != null);
            } catch (java.util.concurrent.TimeoutException e) {
                Trainer t = app.training().trainerProperty().get();
                throw new AssertionError("the Latents tab did not take the run's images: dataset " + latents.datasetProperty().get()
                        + ", " + text(robot, "#data-label") + ", input " + latents.inputProperty().get() + ", following "
                        + latents.followTrainingProperty().get() + ", active " + latents.trainingActiveProperty().get()
                        + ", run " + t.state() + " at step " + t.step() + ", status " + latents.statusProperty().get(), e);
            }
            assertTrue(latents.inputProperty().get() != digit, "a Fashion-MNIST image is the input now");
        } finally {
            Trainer t = app.training().trainerProperty().get();
            if (t != null) {
                t.stop();
                t.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }
}
