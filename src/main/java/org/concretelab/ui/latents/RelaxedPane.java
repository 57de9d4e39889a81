package org.concretelab.ui.latents;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.concretelab.explore.RelaxedPosterior;
import org.concretelab.explore.UnitPosterior;
import org.concretelab.ui.SliderKeys;

/**
 * The temperature slider and the shown digit's relaxed samples (top row) over its hard ones from the same noise; beside
 * them one unit's posterior at that λ, the Concrete tab's picture for a real latent of a real digit.
 */
final class RelaxedPane extends HBox {
    private static final int THUMB = 36;
    /** What to look for, in one sentence. */
    static final String LOOK_FOR = "Drag λ: at high λ the relaxed codes sit inside the cube and decode to blurry in-between "
            + "digits; as λ falls they reach the corners and match the hard samples below them.";

    private final RelaxedViewModel vm;
    private final Slider slider = new Slider(Math.log10(RelaxedViewModel.LAMBDA_MIN), Math.log10(RelaxedViewModel.LAMBDA_MAX), 0);
    private final Label value = new Label();
    private final Label numbers = new Label();
    private final Label empty = new Label("Encode a test digit or a drawing: these are samples of its posterior q(z | x).");
    private final GridPane grid = new GridPane();
    /** What to look for in the unit's picture, by kind of unit. */
    static final String UNIT_LOOK_FOR_BINARY = "At high λ the unit's density spreads into the middle: the decoder sees "
            + "in-between values; at low λ it piles on 0 and 1 (ticks: the samples above).";
    static final String UNIT_LOOK_FOR_TRIANGLE = "At high λ the unit's samples (dots) sit inside the triangle: the decoder "
            + "sees mixtures of classes; at low λ they reach its corners.";
    static final String UNIT_LOOK_FOR_CLASSES = "At high λ each sample's weights (right) mix the classes: the decoder sees "
            + "blends; at low λ each is one class, drawn with q's probabilities (left).";
    private final Spinner<Integer> unitSpinner = new Spinner<>(1, 1, 1);
    private final Label unitLook = new Label();
    private final UnitDensityView unitView = new UnitDensityView();
    private boolean showingUnit;

    RelaxedPane(RelaxedViewModel viewModel) {
        super(12);
        this.vm = viewModel;
        setId("relaxed-pane");
        setPadding(new Insets(4, 10, 4, 10));
        slider.setId("relaxed-lambda-slider");
        SliderKeys.install(slider);
        slider.setPrefWidth(220);
        slider.setTooltip(new Tooltip("The temperature λ of the relaxed (Concrete / BinaryConcrete) samples, on a log scale "
                + "from " + RelaxedViewModel.LAMBDA_MIN + " to " + RelaxedViewModel.LAMBDA_MAX + "."));
        slider.setValue(Math.log10(vm.lambdaProperty().get()));
        slider.valueProperty().addListener((o, a, b) -> vm.lambdaProperty().set(Math.pow(10, b.doubleValue())));
        vm.lambdaProperty().addListener((o, a, b) -> {
            slider.setValue(Math.log10(b.doubleValue()));
            showValue();
        });
        vm.trainedLambdaProperty().addListener((o, a, b) -> showValue());
        value.setId("relaxed-lambda-value");
        Button resample = new Button("New noise");
        resample.setId("relaxed-resample-button");
        resample.setTooltip(new Tooltip("Draw other samples of the same posterior."));
        resample.setOnAction(e -> vm.resample());
        HBox row = new HBox(6, new Label("λ"), slider, value, resample);
        row.setAlignment(Pos.CENTER_LEFT);
        Label look = new Label(LOOK_FOR);
        look.setId("relaxed-look-for");
        look.getStyleClass().add("caption");
        look.setWrapText(true);
        look.setPrefWidth(540); // two lines: the tab stays as low as the interpolation path
        look.setMinHeight(Region.USE_PREF_SIZE);
        numbers.setId("relaxed-numbers");
        numbers.getStyleClass().add("caption");
        VBox controls = new VBox(3, row, look, numbers, unitRow(), unitLook);
        controls.setMinWidth(Region.USE_PREF_SIZE);
        grid.setId("relaxed-grid");
        grid.setHgap(3);
        grid.setVgap(2);
        empty.getStyleClass().add("caption");
        empty.setWrapText(true);
        HBox.setHgrow(grid, Priority.ALWAYS);
        getChildren().addAll(controls, empty, grid, unitView);
        vm.samplesProperty().addListener((o, a, s) -> show(s));
        vm.unitPosteriorProperty().addListener((o, a, u) -> showUnit(u));
        showValue();
        show(null);
    }

    private HBox unitRow() {
        unitSpinner.setId("unit-spinner");
        unitSpinner.setEditable(true);
        unitSpinner.setPrefWidth(80);
        unitSpinner.setTooltip(new Tooltip("The latent unit whose posterior q(z | x) is drawn on the right, at the slider's λ."));
        unitSpinner.valueProperty().addListener((o, a, v) -> {
            if (!showingUnit && v != null) {
                vm.unitProperty().set(v - 1);
            }
        });
        Button most = new Button("Most uncertain");
        most.setId("most-uncertain-button");
        most.setTooltip(new Tooltip("The unit the encoder is least sure of for this digit: its posterior is the most spread."));
        most.setOnAction(e -> vm.selectMostUncertain());
        HBox unitRow = new HBox(6, new Label("Unit"), unitSpinner, most);
        unitRow.setAlignment(Pos.CENTER_LEFT);
        unitLook.setId("unit-look-for");
        unitLook.getStyleClass().add("caption");
        unitLook.setWrapText(true);
        unitLook.setPrefWidth(540);
        unitLook.setMinHeight(Region.USE_PREF_SIZE);
        return unitRow;
    }

    /** The unit's picture, the spinner on its unit (without sending it back) and what to look for in it. */
    private void showUnit(UnitPosterior u) {
        unitView.show(u);
        if (u == null) {
            unitLook.setText("");
            return;
        }
        showingUnit = true;
        try {
            SpinnerValueFactory.IntegerSpinnerValueFactory f = (SpinnerValueFactory.IntegerSpinnerValueFactory) unitSpinner.getValueFactory();
            f.setMax(Math.max(1, vm.units()));
            f.setValue(u.unit() + 1);
        } finally {
            showingUnit = false;
        }
        unitLook.setText(u.interval() != null ? UNIT_LOOK_FOR_BINARY : u.triangle() != null ? UNIT_LOOK_FOR_TRIANGLE
                : UNIT_LOOK_FOR_CLASSES);
    }

    /** The unit picture (tests). */
    UnitDensityView unitView() {
        return unitView;
    }

    private void showValue() {
        double trained = vm.trainedLambdaProperty().get();
        value.setText(String.format(Locale.ROOT, "%.2f", vm.lambdaProperty().get())
                + (Double.isNaN(trained) ? "" : String.format(Locale.ROOT, " (trained at %.2f)", trained)));
    }

    private void show(RelaxedPosterior.Samples s) {
        grid.getChildren().clear();
        empty.setVisible(s == null);
        empty.setManaged(s == null);
        numbers.setText(s == null ? "" : String.format(Locale.ROOT, "relaxed vs hard: %.3f per code value, %.4f per pixel "
                + "(mean |difference|)", s.meanCodeGap(), s.meanChange()));
        if (s == null) {
            return;
        }
        grid.add(rowLabel("relaxed"), 0, 0);
        grid.add(rowLabel("hard"), 0, 1);
        for (int i = 0; i < s.relaxed().length; i++) {
            grid.add(thumb(s.relaxed()[i], "relaxed-" + i), i + 1, 0);
            grid.add(thumb(s.hard()[i], "hard-" + i), i + 1, 1);
        }
    }

    private static Label rowLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        return l;
    }

    private static ImageView thumb(float[] means, String id) {
        ImageView v = new ImageView(DigitImages.of(means, 2));
        v.setId(id);
        v.setFitWidth(THUMB);
        v.setFitHeight(THUMB);
        return v;
    }
}
