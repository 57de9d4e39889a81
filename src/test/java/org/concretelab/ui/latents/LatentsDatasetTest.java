package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.concretelab.data.Binarization;
import org.concretelab.data.Datasets;
import org.concretelab.data.FashionData;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 29: the Latents tab shows the test images of its model's own dataset — never one dataset's input (or clickable
 * strip) beside another dataset's model, whether the model is set or a followed run's snapshot.
 */
@ExtendWith(ApplicationExtension.class)
class LatentsDatasetTest {
    private static final ModelSpec TINY = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 12, 2, 0, 32,
            2.0 / 3.0, 0.5, 1, 3e-3);
    static ShippedLatents shipped;
    static List<float[]> digits;
    private LatentsPane pane;
    private Trainer trainer;

    @BeforeAll
    static void load() {
        shipped = ShippedLatents.load();
        digits = ShippedLatents.first(shipped.data(), 12);
    }

    @Start
    void start(Stage stage) {
        pane = shipped.pane(12, Duration.millis(300));
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @AfterEach
    void stopTraining() throws Exception {
        ShippedLatents.stop(trainer);
    }

    private LatentsViewModel vm() {
        return pane.viewModel();
    }

    private void awaitIdle() throws Exception {
        ShippedLatents.awaitIdle(vm());
    }

    /** The strip's buttons, counted on the FX thread (a followed run changes the scene graph meanwhile). */
    private int stripButtons(FxRobot robot) throws Exception {
        Parent strip = robot.lookup("#digit-strip").queryAs(Parent.class);
        return WaitForAsyncUtils.asyncFx(() -> count(strip)).get(10, TimeUnit.SECONDS);
    }

    private static int count(Parent p) {
        int n = 0;
        for (Node c : p.getChildrenUnmodifiable()) {
            n += c instanceof Button ? 1 : c instanceof Parent q ? count(q) : 0;
        }
        return n;
    }

    private String caption(FxRobot robot) {
        return robot.lookup(".section-header").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(t -> t.contains("click to encode") || t.contains("loading")).findFirst().orElse("");
    }

    @Test
    void anotherDatasetsModelDropsTheInputAndStripUntilItsOwnImagesCome(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> java.util.Arrays.equals(vm().inputProperty().get(), digits.get(0)));
        awaitIdle();
        assertEquals(12, stripButtons(robot));
        assertEquals("Test digits (click to encode)", caption(robot));

        VaeModel clothesModel = VaeModels.create(TINY, 5);
        robot.interact(() -> pane.setModel(clothesModel, "tiny (Fashion-MNIST)", Datasets.FASHION_MNIST));
        awaitIdle();
        assertSame(Datasets.FASHION_MNIST, vm().datasetProperty().get());
        assertNull(vm().inputProperty().get(), "a digit is never the input of a clothes model");
        assertEquals(0, stripButtons(robot), "no digits to click under a clothes model");
        assertEquals("Fashion-MNIST test images: loading…", caption(robot));

        robot.interact(() -> pane.setDigits(Datasets.MNIST, digits)); // late digits, asked for by the model before
        awaitIdle();
        assertNull(vm().inputProperty().get());
        assertEquals(0, stripButtons(robot));

        List<float[]> clothes = new ArrayList<>(); // stand-ins for Fashion-MNIST's images: the tab cannot tell
        for (float[] d : digits) {
            float[] c = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                c[i] = 1 - d[i];
            }
            clothes.add(c);
        }
        robot.interact(() -> pane.setDigits(Datasets.FASHION_MNIST, clothes));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().inputProperty().get() == clothes.get(0));
        awaitIdle();
        assertEquals(12, stripButtons(robot));
        assertEquals("Fashion-MNIST test images (click to encode)", caption(robot));
        assertEquals(clothesModel.decode(vm().codeProperty().get().values())[100], vm().decodedProperty().get()[100], 1e-6f,
                "the clothes model decodes the encoding of its own image");

        robot.interact(() -> pane.setModel(shipped.model(), "shipped")); // back to an MNIST model
        awaitIdle();
        assertNull(vm().inputProperty().get(), "the clothes image goes with its model");
        assertEquals(0, stripButtons(robot));
        robot.interact(() -> pane.setDigits(Datasets.MNIST, digits));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> java.util.Arrays.equals(vm().inputProperty().get(), digits.get(0)));
    }

    @Test
    void followingARunOnAnotherDatasetNeverEncodesTheOldDatasetsInput(FxRobot robot) throws Exception {
        MnistSplits fashion = MnistSplits.load(Datasets.FASHION_MNIST, FashionData.dirOrSkip());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> java.util.Arrays.equals(vm().inputProperty().get(), digits.get(0)));
        awaitIdle();
        trainer = new Trainer(new TrainingOptions(TINY, 50, 2_000, 3L, Binarization.DYNAMIC, 500, 20, 1, null, 0)
                .withDataset(Datasets.FASHION_MNIST), fashion);
        robot.interact(() -> vm().trainerProperty().set(trainer));
        trainer.start();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm().datasetProperty().get() == Datasets.FASHION_MNIST);
        assertNull(vm().inputProperty().get(), "the digit went when the clothes run's snapshot came");
        assertEquals(0, stripButtons(robot));
        awaitIdle();
        assertTrue(vm().decodedByProperty().get().contains("training"), vm().decodedByProperty().get());
        assertNull(vm().inputProperty().get(), "later snapshots do not bring it back");

        List<float[]> clothes = ShippedLatents.first(fashion, 12);
        robot.interact(() -> pane.setDigits(Datasets.FASHION_MNIST, clothes));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().inputProperty().get() == clothes.get(0));
        assertEquals(12, stripButtons(robot));
    }
}
