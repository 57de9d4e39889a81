package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.estimator.StraightThrough;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 18: the form disables what does not apply, speaks in human names and explains every field. */
@ExtendWith(ApplicationExtension.class)
class TrainingFormTest {
    private TrainingFormViewModel model;

    @Start
    void start(Stage stage) {
        model = new TrainingFormViewModel();
        stage.setScene(new Scene(new TrainingForm(model), 400, 700));
        stage.show();
    }

    @Test
    void classesAreEditableOnlyForCategoricalLatentsAndHiddenOnlyForNonlinearModels(FxRobot robot) {
        TextField classes = robot.lookup("#classes-field").queryAs(TextField.class);
        TextField hidden = robot.lookup("#hidden-field").queryAs(TextField.class);
        assertTrue(classes.isDisabled());
        assertFalse(hidden.isDisabled());
        robot.interact(() -> model.latentProperty().set(LatentKind.CATEGORICAL));
        assertFalse(classes.isDisabled());
        robot.interact(() -> model.architectureProperty().set(Architecture.LINEAR_ONE));
        assertTrue(hidden.isDisabled());
        robot.interact(() -> model.latentProperty().set(LatentKind.CORNERS));
        assertFalse(classes.isDisabled(), "K applies to corner latents too");
        robot.interact(() -> model.latentProperty().set(LatentKind.BINARY));
        assertTrue(classes.isDisabled());
    }

    @Test
    void theTaskChoiceRenamesTheArchitecturesAndDisablesTheKlWarmup(FxRobot robot) {
        ChoiceBox<?> task = robot.lookup("#task-choice").queryAs(ChoiceBox.class);
        ChoiceBox<?> arch = robot.lookup("#arch-choice").queryAs(ChoiceBox.class);
        TextField warmup = robot.lookup("#kl-warmup-field").queryAs(TextField.class);
        assertEquals(java.util.List.of("density", "completion"), task.getItems());
        assertEquals("200H~784V (nonlinear)", name(arch, Architecture.NONLINEAR_ONE));
        assertFalse(warmup.isDisabled());
        robot.interact(() -> ((ChoiceBox<String>) (ChoiceBox<?>) task).setValue("completion"));
        assertEquals("completion (bottom half | top)", name(task, "completion"));
        assertEquals(Architecture.NONLINEAR_TWO, arch.getValue(), "the paper's non-linear structured-prediction model");
        assertEquals("392V~240H~240H~392V (nonlinear)", name(arch, Architecture.NONLINEAR_TWO));
        assertEquals("392V-240H-240H-392V (linear)", name(arch, Architecture.LINEAR_TWO));
        assertTrue(warmup.isDisabled(), "no KL term to warm up");
        assertNotNull(model.options(), model.problemProperty().get());
    }

    @Test
    void cornersAreTheThirdLatentChoice(FxRobot robot) {
        ChoiceBox<?> latent = robot.lookup("#latent-choice").queryAs(ChoiceBox.class);
        assertEquals(java.util.List.of(LatentKind.BINARY, LatentKind.CATEGORICAL, LatentKind.CORNERS), latent.getItems());
        assertEquals("corners (paper's n-ary)", name(latent, LatentKind.CORNERS));
        robot.interact(() -> ((ChoiceBox<LatentKind>) (ChoiceBox<?>) latent).setValue(LatentKind.CORNERS));
        TextField classes = robot.lookup("#classes-field").queryAs(TextField.class);
        robot.interact(() -> classes.setText("6"));
        assertTrue(classes.getStyleClass().contains("invalid"));
        robot.interact(() -> classes.setText("8"));
        assertFalse(classes.getStyleClass().contains("invalid"));
        assertEquals(LatentKind.CORNERS, model.options().spec().latentKind());
        assertEquals("0.4", robot.lookup("#lambda2-field").queryAs(TextField.class).getText(), "λ2 follows K = 8");
        String tip = latent.getTooltip().getText();
        assertTrue(tip.contains("corners") && tip.contains("log2 K values in {−1, 1}") && tip.contains("Jang"), tip);
        assertTrue(robot.lookup("#lambda2-field").queryAs(Control.class).getTooltip().getText()
                .contains("corners: 1/2 (K = 2), 2/3 (K = 4), 2/5 (K = 8), else 2/3"));
    }

    @Test
    void choicesShowHumanNames(FxRobot robot) {
        ChoiceBox<?> latent = robot.lookup("#latent-choice").queryAs(ChoiceBox.class);
        ChoiceBox<?> arch = robot.lookup("#arch-choice").queryAs(ChoiceBox.class);
        ChoiceBox<?> estimator = robot.lookup("#estimator-choice").queryAs(ChoiceBox.class);
        assertEquals("binary", name(latent, LatentKind.BINARY));
        assertEquals("categorical (one-hot)", name(latent, LatentKind.CATEGORICAL));
        assertTrue(name(arch, Architecture.NONLINEAR_ONE).startsWith("200H~784V"));
        assertTrue(name(arch, Architecture.LINEAR_TWO).startsWith("200H-200H-784V"));
        assertEquals(Estimators.names(), estimator.getItems());
        assertEquals("straight-through", name(estimator, StraightThrough.NAME));
        assertEquals("Concrete relaxation", name(estimator, "concrete"));
        assertEquals("NVIL (score function, m = 1)", name(estimator, "nvil"));
        assertEquals("VIMCO (score function, m ≥ 2)", name(estimator, "vimco"));
        assertEquals("DisARM (antithetic pairs, binary, m = 1)", name(estimator, "disarm")); // the estimator names itself
        robot.interact(() -> ((ChoiceBox<String>) (ChoiceBox<?>) estimator).setValue(StraightThrough.NAME));
        assertEquals(StraightThrough.NAME, model.options().spec().estimator());
    }

    /** Issue 25: the status line and the form agree on H, name the two K-way codes apart and explain the KL warm-up. */
    @Test
    @SuppressWarnings("unchecked")
    void theStatusLineAgreesWithTheFormAndTheWarmupSaysWhyItChanged(FxRobot robot) {
        ChoiceBox<LatentKind> latent = (ChoiceBox<LatentKind>) (ChoiceBox<?>) robot.lookup("#latent-choice").queryAs(ChoiceBox.class);
        ChoiceBox<Architecture> arch = (ChoiceBox<Architecture>) (ChoiceBox<?>) robot.lookup("#arch-choice").queryAs(ChoiceBox.class);
        javafx.scene.control.Label message = robot.lookup("#form-message").queryAs(javafx.scene.control.Label.class);
        javafx.scene.control.Label note = robot.lookup("#kl-warmup-note").queryAs(javafx.scene.control.Label.class);
        TextField warmup = robot.lookup("#kl-warmup-field").queryAs(TextField.class);
        assertFalse(note.isVisible(), "nothing changed by itself yet");

        robot.interact(() -> latent.setValue(LatentKind.CORNERS));
        String shown = arch.getConverter().toString(arch.getValue());
        assertEquals("400H~784V (nonlinear)", shown, "200 corner units of K = 4 are 400 code values");
        assertTrue(message.getText().startsWith("Ready: " + shown.substring(0, shown.indexOf(' ')) + " 4-ary corners (200 units)"),
                message.getText() + " against " + shown);

        robot.interact(() -> latent.setValue(LatentKind.BINARY));
        assertEquals("0", warmup.getText());
        robot.interact(() -> latent.setValue(LatentKind.CATEGORICAL));
        assertTrue(message.getText().startsWith("Ready: 200H~784V 4-way one-hot m=1"), message.getText());
        assertFalse(message.getText().contains("-ary"), "\"4-ary\" is the corner code's name: " + message.getText());
        assertEquals("200H~784V (nonlinear)", arch.getConverter().toString(arch.getValue()));
        assertEquals("2500", warmup.getText());
        assertTrue(note.isVisible() && note.getText().startsWith("Set to 2,500: the default for categorical latents"),
                note.getText());
        robot.interact(() -> warmup.setText("1000"));
        assertFalse(note.isVisible(), "the user's own value needs no note");
    }

    @SuppressWarnings("unchecked")
    private static <T> String name(ChoiceBox<?> box, T value) {
        return ((ChoiceBox<T>) box).getConverter().toString(value);
    }

    @Test
    void trainImagesSaysThatEmptyMeansAll(FxRobot robot) {
        TextField limit = robot.lookup("#train-limit-field").queryAs(TextField.class);
        assertEquals("", limit.getText());
        assertEquals("all (50,000)", limit.getPromptText());
    }

    @Test
    void everyFieldExplainsItselfWithThePapersValue(FxRobot robot) {
        for (String id : new String[] {"#arch-choice", "#latent-choice", "#units-field", "#classes-field", "#gaussian-field",
            "#hidden-field", "#lambda1-field", "#lambda2-field", "#samples-field", "#estimator-choice", "#lr-field",
            "#batch-field", "#epochs-field", "#seed-field", "#train-limit-field"}) {
            Control c = robot.lookup(id).queryAs(Control.class);
            assertNotNull(c.getTooltip(), id);
            String tip = c.getTooltip().getText();
            assertTrue(tip.contains("Default") || tip.contains("Paper"), id + ": " + tip);
        }
        assertTrue(robot.lookup("#lambda1-field").queryAs(Control.class).getTooltip().getText()
                .contains("2/3 for binary, 1 for categorical"));
        assertTrue(robot.lookup("#hidden-field").queryAs(Control.class).getTooltip().getText().contains("Paper: 200"));
    }

    @Test
    void theFieldAProblemConcernsIsMarked(FxRobot robot) {
        TextField seed = robot.lookup("#seed-field").queryAs(TextField.class);
        robot.interact(() -> seed.setText("x"));
        assertTrue(seed.getStyleClass().contains("invalid"));
        robot.interact(() -> seed.setText("3"));
        assertFalse(seed.getStyleClass().contains("invalid"));
    }
}
