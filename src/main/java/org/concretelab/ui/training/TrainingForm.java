package org.concretelab.ui.training;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.train.TrainingOptions;

/**
 * The training options as a form. Every edit re-validates: the options are built with the same validated
 * constructors the CLI uses, and a violation marks the field it names and explains it; {@link #options()}
 * is null while anything is invalid.
 */
final class TrainingForm extends GridPane {
    /** Validation images scored after each epoch of a run started here, and importance samples per image. */
    static final int VALIDATION_IMAGES = 1000;
    static final int VALIDATION_SAMPLES = 100;

    private final ChoiceBox<Architecture> architecture = new ChoiceBox<>();
    private final ChoiceBox<LatentKind> latent = new ChoiceBox<>();
    private final TextField units = field("units-field", "200", "Discrete latent units per stochastic layer (the paper: 200).");
    private final TextField classes = field("classes-field", "4", "Classes K per categorical unit (ignored for binary latents).");
    private final TextField gaussian = field("gaussian-field", "0", "Extra Gaussian units (100 for the replication report's mixed model).");
    private final TextField lambda1 = field("lambda1-field", "0.6667", "Posterior temperature λ1 (paper: 2/3 for binary, 1 for 4-ary).");
    private final TextField lambda2 = field("lambda2-field", "0.5", "Prior temperature λ2 (paper: 1/2 for binary, 2/3 for 4-ary).");
    private final TextField samples = field("samples-field", "1", "Samples m of the multi-sample bound (1, 5 or 50 in the paper).");
    private final TextField learningRate = field("lr-field", "0.001", "Adam's learning rate.");
    private final TextField batch = field("batch-field", "100", "Images per training step.");
    private final TextField epochs = field("epochs-field", "100", "Passes over the 50,000 training images.");
    private final TextField seed = field("seed-field", "1", "Seed of weights, shuffling, binarization and Concrete noise.");
    private final TextField trainLimit = field("train-limit-field", "0", "Train on the first N images only (0 = all 50,000).");
    private final javafx.scene.control.CheckBox straightThrough = new javafx.scene.control.CheckBox("Straight-through");
    private final Label message = new Label();
    private final ObjectProperty<TrainingOptions> options = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final Map<String, Control> fieldsByParameter = new LinkedHashMap<>();
    private Path outputDir;
    /** Epochs the loaded run has trained: a continued run must go beyond them (0 without a loaded run). */
    private int trainedEpochs;

    TrainingForm() {
        getStyleClass().add("training-form");
        setHgap(8);
        setVgap(6);
        architecture.getItems().addAll(Architecture.values());
        architecture.setValue(Architecture.NONLINEAR_ONE);
        architecture.setId("arch-choice");
        architecture.setTooltip(new Tooltip("The paper's architectures: H a 200-unit stochastic layer, V the pixels, ~ two tanh layers."));
        latent.getItems().addAll(LatentKind.values());
        latent.setValue(LatentKind.BINARY);
        latent.setId("latent-choice");
        latent.setTooltip(new Tooltip("Binary latents (BinaryConcrete) or categorical ones (Concrete with K classes)."));
        latent.valueProperty().addListener((o, a, b) -> {
            boolean binary = b == LatentKind.BINARY;
            lambda1.setText(binary ? "0.6667" : "1");
            lambda2.setText(binary ? "0.5" : "0.6667");
        });
        int row = 0;
        row = add(row, "Architecture", architecture);
        row = add(row, "Latents", latent);
        row = add(row, "Units", units);
        row = add(row, "Classes K", classes);
        row = add(row, "Gaussian units", gaussian);
        row = add(row, "λ1 (posterior)", lambda1);
        row = add(row, "λ2 (prior)", lambda2);
        row = add(row, "Samples m", samples);
        row = add(row, "Learning rate", learningRate);
        row = add(row, "Batch size", batch);
        row = add(row, "Epochs", epochs);
        row = add(row, "Seed", seed);
        row = add(row, "Train images", trainLimit);
        straightThrough.setId("straight-through-check");
        straightThrough.setTooltip(new Tooltip("Feed hard (0/1, one-hot) samples forward and backpropagate through the relaxed ones."));
        add(straightThrough, 1, row++);
        message.setId("form-message");
        message.setWrapText(true);
        message.setMaxWidth(260);
        message.getStyleClass().add("form-message");
        add(message, 0, row, 2, 1);
        fieldsByParameter.put("discreteUnits", units);
        fieldsByParameter.put("classes", classes);
        fieldsByParameter.put("gaussianUnits", gaussian);
        fieldsByParameter.put("lambdaPosterior", lambda1);
        fieldsByParameter.put("lambdaPrior", lambda2);
        fieldsByParameter.put("samples", samples);
        fieldsByParameter.put("learningRate", learningRate);
        fieldsByParameter.put("batchSize", batch);
        fieldsByParameter.put("epochs", epochs);
        fieldsByParameter.put("trainLimit", trainLimit);
        for (Node n : getChildren()) {
            if (n instanceof TextField t) {
                t.textProperty().addListener((o, a, b) -> validate());
            } else if (n instanceof ChoiceBox<?> c) {
                c.valueProperty().addListener((o, a, b) -> validate());
            } else if (n instanceof javafx.scene.control.CheckBox c) {
                c.selectedProperty().addListener((o, a, b) -> validate());
            }
        }
        validate();
    }

    private int add(int row, String label, Control control) {
        Label l = new Label(label);
        l.setLabelFor(control);
        addRow(row, l, control);
        return row + 1;
    }

    private static TextField field(String id, String value, String tip) {
        TextField f = new TextField(value);
        f.setId(id);
        f.setPrefColumnCount(8);
        f.setTooltip(new Tooltip(tip));
        return f;
    }

    /** Where the next run writes its checkpoints and logs. */
    void setOutputDir(Path dir) {
        this.outputDir = dir;
        validate();
    }

    /** A loaded run has trained {@code epochs}: Epochs must exceed it to continue (0: no loaded run). */
    void setTrainedEpochs(int epochs) {
        this.trainedEpochs = epochs;
        validate();
    }

    /** The valid options, or null. */
    ObjectProperty<TrainingOptions> optionsProperty() {
        return options;
    }

    TrainingOptions options() {
        return options.get();
    }

    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Fills the form from {@code o} (e.g. a loaded checkpoint's options). */
    void show(TrainingOptions o) {
        ModelSpec s = o.spec();
        architecture.setValue(s.architecture());
        latent.setValue(s.latentKind());
        units.setText(Integer.toString(s.discreteUnits()));
        classes.setText(Integer.toString(s.classes()));
        gaussian.setText(Integer.toString(s.gaussianUnits()));
        lambda1.setText(number(s.lambdaPosterior()));
        lambda2.setText(number(s.lambdaPrior()));
        samples.setText(Integer.toString(s.samples()));
        learningRate.setText(number(s.learningRate()));
        batch.setText(Integer.toString(o.batchSize()));
        epochs.setText(Integer.toString(o.epochs()));
        seed.setText(Long.toString(o.seed()));
        // the command line accepts a limit beyond the split and means all of it; the form says 0 for that
        trainLimit.setText(Integer.toString(o.trainLimit() >= MnistSplits.TRAIN ? 0 : o.trainLimit()));
        straightThrough.setSelected(s.straightThrough());
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e");
    }

    private void validate() {
        for (Control c : fieldsByParameter.values()) {
            c.getStyleClass().remove("invalid");
        }
        seed.getStyleClass().remove("invalid");
        try {
            boolean binary = latent.getValue() == LatentKind.BINARY;
            ModelSpec spec = new ModelSpec(architecture.getValue(), latent.getValue(), integer(units, "discreteUnits"),
                    binary ? 2 : integer(classes, "classes"), integer(gaussian, "gaussianUnits"), 200,
                    real(lambda1, "lambdaPosterior"), real(lambda2, "lambdaPrior"), integer(samples, "samples"),
                    real(learningRate, "learningRate"),
                    straightThrough.isSelected() ? org.concretelab.model.estimator.StraightThrough.NAME : org.concretelab.model.PaperDefaults.ESTIMATOR);
            long s;
            try {
                s = Long.parseLong(seed.getText().trim());
            } catch (NumberFormatException e) {
                mark(seed);
                throw new IllegalArgumentException("seed must be a whole number, was '" + seed.getText() + "'");
            }
            int limit = integer(trainLimit, "trainLimit");
            if (limit > MnistSplits.TRAIN) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "trainLimit must be at most %,d (the training split; 0 = all of it), was %d", MnistSplits.TRAIN, limit));
            }
            int used = limit <= 0 ? MnistSplits.TRAIN : limit; // a negative limit is reported by TrainingOptions
            int b = integer(batch, "batchSize");
            if (b > used) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "batchSize (%d) must not exceed the %,d training images used", b, used));
            }
            int total = integer(epochs, "epochs");
            if (trainedEpochs > 0 && total <= trainedEpochs) {
                throw new IllegalArgumentException("epochs must be more than the " + trainedEpochs
                        + " the loaded run has trained, was " + total);
            }
            TrainingOptions o = new TrainingOptions(spec, b, total, s, Binarization.DYNAMIC, limit,
                    VALIDATION_IMAGES, VALIDATION_SAMPLES, outputDir, 0);
            options.set(o);
            problem.set("");
            message.setText("Ready: " + spec.describe() + ".");
            message.getStyleClass().remove("error");
        } catch (IllegalArgumentException e) {
            String text = friendly(e.getMessage());
            for (Map.Entry<String, Control> entry : fieldsByParameter.entrySet()) {
                if (e.getMessage() != null && e.getMessage().startsWith(entry.getKey())) {
                    mark(entry.getValue());
                }
            }
            options.set(null);
            problem.set(text);
            message.setText(text);
            if (!message.getStyleClass().contains("error")) {
                message.getStyleClass().add("error");
            }
        }
    }

    private static String friendly(String m) {
        return m.replace("lambdaPosterior", "λ1").replace("lambdaPrior", "λ2").replace("discreteUnits", "Units")
                .replace("gaussianUnits", "Gaussian units").replace("learningRate", "Learning rate")
                .replace("batchSize", "Batch size").replace("trainLimit", "Train images").replace("samples", "Samples m")
                .replace("epochs", "Epochs").replace("classes", "Classes K");
    }

    private int integer(TextField f, String name) {
        try {
            return Integer.parseInt(f.getText().trim());
        } catch (NumberFormatException e) {
            mark(f);
            throw new IllegalArgumentException(name + " must be a whole number, was '" + f.getText() + "'");
        }
    }

    private double real(TextField f, String name) {
        try {
            return Double.parseDouble(f.getText().trim());
        } catch (NumberFormatException e) {
            mark(f);
            throw new IllegalArgumentException(name + " must be a number, was '" + f.getText() + "'");
        }
    }

    private static void mark(Control c) {
        if (!c.getStyleClass().contains("invalid")) {
            c.getStyleClass().add("invalid");
        }
    }
}
