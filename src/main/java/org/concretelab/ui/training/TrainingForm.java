package org.concretelab.ui.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import javafx.beans.property.StringProperty;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.train.LatentChoice;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.train.Protocol;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.Completion;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.TrainingOptions;

/**
 * The training options as a form: the controls of a {@link TrainingFormViewModel}, bound to it. A field that
 * does not apply (K for binary latents, the hidden width of a linear model) is disabled; the field a problem
 * concerns is marked and the problem explained below.
 */
final class TrainingForm extends GridPane {
    private static final TrainingOptions DEFAULTS = TrainingOptions.defaults();

    private final TrainingFormViewModel model;
    private final Map<String, Control> controls = new HashMap<>();
    private final Label message = new Label();

    TrainingForm(TrainingFormViewModel model) {
        this.model = model;
        getStyleClass().add("training-form");
        setHgap(8);
        setVgap(6);
        ChoiceBox<String> task = choice("task-choice", Tasks.names().toArray(String[]::new), TrainingForm::describeTask);
        task.valueProperty().bindBidirectional(model.taskProperty());
        ChoiceBox<Architecture> architecture = choice("arch-choice", Architecture.values(),
                a -> describe(a, model.taskProperty().get(), model.stochasticWidthProperty().get()));
        architecture.valueProperty().bindBidirectional(model.architectureProperty());
        // the labels are the task's (392V~240H~240H~392V for completion) with the H the fields give (400H for 200 corner
        // units of K = 4, as the status line counts it): a new converter redraws them
        Runnable relabel = () -> {
            String t = model.taskProperty().get();
            int h = model.stochasticWidthProperty().get();
            architecture.setConverter(converter(a -> describe(a, t, h)));
        };
        model.taskProperty().addListener((o, was, now) -> relabel.run());
        model.stochasticWidthProperty().addListener((o, was, now) -> relabel.run());
        ChoiceBox<LatentKind> latent = choice("latent-choice",
                LatentChoice.ALL.stream().map(LatentChoice::kind).toArray(LatentKind[]::new), TrainingForm::describe);
        latent.valueProperty().bindBidirectional(model.latentProperty());
        ChoiceBox<String> estimator = choice("estimator-choice", Estimators.names().toArray(String[]::new),
                TrainingForm::describeEstimator);
        estimator.valueProperty().bindBidirectional(model.estimatorProperty());
        TextField classes = field("classes-field", model.classesProperty());
        classes.disableProperty().bind(model.classesApplyProperty().not());
        TextField hidden = field("hidden-field", model.hiddenProperty());
        hidden.disableProperty().bind(model.hiddenAppliesProperty().not());
        TextField trainLimit = field("train-limit-field", model.trainLimitProperty());
        trainLimit.setPromptText(String.format(Locale.ROOT, "all (%,d)", MnistSplits.TRAIN));
        trainLimit.focusedProperty().addListener((o, was, is) -> {
            if (!is && trainLimit.getText().trim().equals("0")) {
                trainLimit.setText(""); // 0 means all: let the prompt say so
            }
        });

        String lambdaNote = " Follows the latent kind (and K for corners) until you edit it.";
        int row = 0;
        row = add(row, "task", "Task", task, "density: model whole digits, p(x), with an inference network (the paper's "
                + "density estimation, the default). completion: the paper's structured output prediction, a digit's bottom "
                + "half (rows 14–27) given its top half (rows 0–13): the latents are drawn from the prior given the top "
                + "half, the objective is log (1/m) Σ_j p(bottom | z_j); the Complete tab shows such a model.");
        row = add(row, "architecture", "Architecture", architecture, "The paper's architectures, read in sampling order: "
                + "H a stochastic layer of Units units, V pixels (784; for completion the 392 of each half), '-' a linear "
                + "map, '~' two tanh layers of Hidden units. Default: " + DEFAULTS.spec().architecture().label()
                + "; completion: 392V~240H~240H~392V (the paper's two are 392V-240H-240H-392V and 392V~240H~240H~392V).");
        row = add(row, "latentKind", "Latents", latent, "binary: BinaryConcrete units, one number each; categorical: Concrete "
                + "units of K classes fed on as a one-hot code of K slots (Jang et al.); corners: Concrete units of K classes "
                + "fed on as the paper's n-ary code, log2 K values in {−1, 1} per unit (K a power of two; the paper's 240H "
                + "is 120 units of K = 4 or 80 of K = 8). Default: " + describe(DEFAULTS.spec().latentKind()) + ".");
        row = add(row, "discreteUnits", "Units", field("units-field", model.unitsProperty()),
                "Discrete latent units per stochastic layer. Paper: " + PaperDefaults.UNITS + ".");
        row = add(row, "classes", "Classes K", classes,
                "Classes per unit of categorical or corner latents (corners: a power of two, 2, 4, 8, …). Default: "
                        + PaperDefaults.CLASSES + ".");
        row = add(row, "gaussianUnits", "Gaussian units", field("gaussian-field", model.gaussianProperty()),
                "Extra reparameterised Gaussian units in the top latent layer; 0 for none (the replication report's mixed "
                        + "model: 100). Default: " + DEFAULTS.spec().gaussianUnits() + ".");
        row = add(row, "hiddenUnits", "Hidden units", hidden, "Width of each of the two tanh layers of a '~' network "
                + "(~ architectures only). Paper: " + PaperDefaults.HIDDEN + ".");
        row = add(row, "lambdaPosterior", "λ1 (posterior)", field("lambda1-field", model.lambda1Property()),
                "Temperature λ1 of the relaxed posterior. Paper: " + perKind(PaperDefaults::lambdaPosterior) + "." + lambdaNote);
        row = add(row, "lambdaPrior", "λ2 (prior)", field("lambda2-field", model.lambda2Property()),
                "Temperature λ2 of the relaxed prior. Paper: " + perKind(PaperDefaults::lambdaPrior) + "." + lambdaNote);
        row = add(row, "samples", "Samples m", field("samples-field", model.samplesProperty()),
                "Samples m of the multi-sample bound (1 is the ELBO; the paper also uses 5 and 50). Default: "
                        + PaperDefaults.SAMPLES + ".");
        row = add(row, "estimator", "Estimator", estimator, "How gradients pass the discrete samples: the Concrete "
                + "relaxation (the paper's), straight-through (hard 0/1, one-hot or corner samples forward, relaxed gradients "
                + "back), or the paper's score-function comparisons on the discrete graph: VIMCO (the m-sample bound, "
                + "m ≥ 2) and NVIL (the ELBO with a learned input-dependent baseline, m = 1). Default: "
                + describeEstimator(PaperDefaults.ESTIMATOR) + ".");
        ChoiceBox<Protocol> protocol = choice("protocol-choice", Protocol.values(), Protocol::label);
        protocol.valueProperty().bindBidirectional(model.protocolProperty());
        row = add(row, "protocol", "Protocol", protocol, "The defaults the run starts from, stored with it. project: Adam "
                + "1e-3, batch 100, no EMA centring (every figure in the README). paper: the paper's appendix D, Adam 1e-4 "
                + "for non-linear density models and 3e-4 for linear ones and completion, batch 64, EMA centring for "
                + "density. The learning rate, batch and centring follow it until you edit them.");
        CheckBox centring = new CheckBox();
        centring.setId("centring-check");
        centring.selectedProperty().bindBidirectional(model.centringProperty());
        centring.disableProperty().bind(model.klWarmupAppliesProperty().not().and(centring.selectedProperty().not()));
        row = add(row, "centring", "EMA centring", centring, "The paper's centring (appendix D.4): each inference network reads its "
                + "input (the image, or the stochastic layer below) minus a moving average (decay 0.9) of its mean, "
                + "updated by training steps only, no gradient through it; the decoder and the priors are not centred. "
                + "Density estimation only (completion has no inference network). Default: the protocol's.");
        row = add(row, "learningRate", "Learning rate", field("lr-field", model.learningRateProperty()),
                "Adam's step size. Default: the protocol's (project " + TrainingFormViewModel.number(PaperDefaults.LEARNING_RATE)
                        + "; paper 1e-4 non-linear, 3e-4 linear and completion).");
        row = add(row, "batchSize", "Batch size", field("batch-field", model.batchProperty()),
                "Images per training step. Default: the protocol's (project " + PaperDefaults.BATCH + ", paper "
                        + Protocol.PAPER_BATCH + ").");
        row = add(row, "epochs", "Epochs", field("epochs-field", model.epochsProperty()),
                "Passes over the training images. Default: " + DEFAULTS.epochs() + ".");
        row = add(row, TrainingFormViewModel.SEED, "Seed", field("seed-field", model.seedProperty()),
                "Seeds the weights, shuffling, binarization and Concrete noise: the same seed gives the same run. Default: "
                        + DEFAULTS.seed() + ".");
        ChoiceBox<Dataset> dataset = choice("dataset-choice", Datasets.all().toArray(Dataset[]::new), Dataset::label);
        dataset.valueProperty().bindBidirectional(model.datasetProperty());
        row = add(row, "dataset", "Dataset", dataset, "The images the model learns: MNIST digits (the paper's), Fashion-MNIST"
                + " clothes (`data --dataset fashion-mnist --fetch`) or Omniglot characters (`data --dataset omniglot --from"
                + " chardata.mat`); stored with the run. Default: MNIST.");
        row = add(row, "trainLimit", "Train images", trainLimit, String.format(Locale.ROOT,
                "Train on the first N training images only; empty (or 0) = all (%,d for MNIST and Fashion-MNIST). Default: all.",
                MnistSplits.TRAIN));
        TextField warmup = field("kl-warmup-field", model.klWarmupProperty());
        warmup.disableProperty().bind(model.klWarmupAppliesProperty().not());
        row = add(row, "klWarmupSteps", "KL warm-up", warmup,
                "Steps over which the weight of the KL term rises from 0 to 1 (0 = none, the bound from the first step). "
                        + "Many categorical units otherwise collapse in the first ~50 steps: the KL pulls every posterior "
                        + "onto the prior before the decoder has learned to read the latents. Default: "
                        + PaperDefaults.klWarmupSteps(LatentKind.BINARY) + " for binary latents (the paper's protocol), "
                        + PaperDefaults.CATEGORICAL_KL_WARMUP + " for categorical and corners; completion has no KL term.");
        Label warmupNote = new Label();
        warmupNote.setId("kl-warmup-note");
        warmupNote.getStyleClass().add("caption");
        warmupNote.setWrapText(true);
        warmupNote.setMaxWidth(200);
        warmupNote.textProperty().bind(model.klWarmupNoteProperty());
        warmupNote.visibleProperty().bind(warmupNote.textProperty().isEmpty().not());
        warmupNote.managedProperty().bind(warmupNote.visibleProperty());
        add(warmupNote, 1, row++);
        message.setId("form-message");
        message.setWrapText(true);
        message.setMaxWidth(270);
        message.getStyleClass().add("form-message");
        message.textProperty().bind(model.messageProperty());
        add(message, 0, row, 2, 1);
        model.invalidFieldProperty().addListener((o, a, b) -> mark());
        model.problemProperty().addListener((o, a, b) -> mark());
        mark();
    }

    private int add(int row, String component, String label, Control control, String tip) {
        Label l = new Label(label);
        l.setMinWidth(Label.USE_PREF_SIZE); // the field shrinks, not the label into "Gaussian u…"
        l.setLabelFor(control);
        Tooltip tooltip = new Tooltip(tip);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        tooltip.setShowDuration(Duration.seconds(30));
        control.setTooltip(tooltip);
        l.setTooltip(tooltip);
        addRow(row, l, control);
        controls.put(component, control);
        return row + 1;
    }

    private static TextField field(String id, StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(8);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static <T> ChoiceBox<T> choice(String id, T[] values, Function<T, String> names) {
        ChoiceBox<T> c = new ChoiceBox<>();
        c.getItems().addAll(values);
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        c.setConverter(converter(names));
        return c;
    }

    private static <T> StringConverter<T> converter(Function<T, String> names) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : names.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("a choice is picked, not typed");
            }
        };
    }

    /** The paper's label and what it means, e.g. "200H~784V (nonlinear)". */
    static String describe(Architecture a) {
        return a.label() + (a.nonlinear() ? " (nonlinear)" : " (linear)");
    }

    /** The label of {@code task}'s architecture at the paper's width, e.g. "392V~240H~240H~392V (nonlinear)". */
    static String describe(Architecture a, String task) {
        return describe(a, task, PaperDefaults.units(task == null ? DensityEstimation.NAME : task));
    }

    /** The label of {@code task}'s architecture with {@code h} in each stochastic layer, e.g. "400H~784V (nonlinear)". */
    static String describe(Architecture a, String task, long h) {
        return Tasks.create(task == null ? DensityEstimation.NAME : task).architectureLabel(a, h)
                + (a.nonlinear() ? " (nonlinear)" : " (linear)");
    }

    static String describeTask(String name) {
        return switch (name) {
            case DensityEstimation.NAME -> "density estimation";
            case Completion.NAME -> "completion (bottom half | top)";
            default -> name;
        };
    }

    static String describe(LatentKind k) {
        return LatentChoice.of(k).label();
    }

    static String describeEstimator(String name) {
        return Estimators.known(name) ? Estimators.create(name).label() : name; // the estimator names itself
    }

    /**
     * "2/3 for binary, 1 for categorical latents; corners: 2/3 (K = 2), 1 (K = 4), 2/3 (K = 8), else 1": from every
     * registered kind, one value if it does not depend on K, else its value per K.
     */
    private static String perKind(BiFunction<LatentKind, Integer, Double> value) {
        List<String> constant = new ArrayList<>();
        List<String> perK = new ArrayList<>();
        for (LatentKind k : LatentKind.values()) {
            double v = value.apply(k, k.classesApply() ? PaperDefaults.CLASSES : 2);
            boolean varies = k.classesApply() && IntStream.of(2, 4, 8, 16).anyMatch(c -> value.apply(k, c) != v);
            if (varies) {
                perK.add(k.cliName() + ": " + fraction(value.apply(k, 2)) + " (K = 2), " + fraction(value.apply(k, 4))
                        + " (K = 4), " + fraction(value.apply(k, 8)) + " (K = 8), else " + fraction(value.apply(k, 16)));
            } else {
                constant.add(fraction(v) + " for " + k.noun());
            }
        }
        return String.join(", ", constant) + " latents" + (perK.isEmpty() ? "" : "; " + String.join("; ", perK));
    }

    /** 2/3, 1/2, 1: the paper writes its temperatures as small fractions. */
    private static String fraction(double v) {
        for (int d = 1; d <= 10; d++) {
            long n = Math.round(v * d);
            if (n > 0 && Math.abs(v - n / (double) d) < 1e-9) {
                return d == 1 ? Long.toString(n) : n + "/" + d;
            }
        }
        return TrainingFormViewModel.number(v);
    }

    private void mark() {
        String field = model.invalidFieldProperty().get();
        controls.forEach((name, c) -> {
            c.getStyleClass().remove("invalid");
            if (name.equals(field)) {
                c.getStyleClass().add("invalid");
            }
        });
        message.getStyleClass().remove("error");
        if (!model.problemProperty().get().isEmpty()) {
            message.getStyleClass().add("error");
        }
    }
}
