package org.concretelab.ui.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.concretelab.data.Binarization;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.model.Centring;
import org.concretelab.model.Architecture;
import org.concretelab.model.InvalidSettingException;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.LatentChoice;
import org.concretelab.train.ModelDefaults;
import org.concretelab.train.Protocol;
import org.concretelab.train.TrainingOptions;

/**
 * The training form's state without its controls: the field texts and choices as properties, re-validated on
 * every change into {@link #optionsProperty() options} (null while anything is invalid) or a problem and the
 * field it concerns. Validation uses the same constructors as the CLI; fields are named by their
 * ModelSpec/TrainingOptions component ({@link InvalidSettingException#field()}), plus {@link #SEED}.
 */
final class TrainingFormViewModel {
    static final String SEED = "seed";
    /** The form's labels of the components, for messages (the order the form shows them). */
    static final Map<String, String> LABELS = FormFields.LABELS;
    /** Epochs, seed and Gaussian units start as the CLI's defaults. */
    private static final TrainingOptions DEFAULTS = TrainingOptions.defaults();
    /** What the fields that follow the task, kind and K start as: the binary density model's defaults. */
    private static final ModelDefaults START = ModelDefaults.of(DensityEstimation.NAME, LatentKind.BINARY, PaperDefaults.CLASSES);

    /** density (whole digits) or completion (a digit's bottom half from its top half). */
    private final ObjectProperty<String> task = new SimpleObjectProperty<>(DensityEstimation.NAME);
    private final ObjectProperty<Architecture> architecture = new SimpleObjectProperty<>(START.architecture());
    private final ObjectProperty<LatentKind> latent = new SimpleObjectProperty<>(LatentKind.BINARY);
    private final ObjectProperty<String> estimator = new SimpleObjectProperty<>(PaperDefaults.ESTIMATOR);
    private final StringProperty units = new SimpleStringProperty(Integer.toString(START.units()));
    private final StringProperty classes = new SimpleStringProperty(Integer.toString(PaperDefaults.CLASSES));
    private final StringProperty gaussian = new SimpleStringProperty(Integer.toString(DEFAULTS.spec().gaussianUnits()));
    private final StringProperty hidden = new SimpleStringProperty(Integer.toString(START.hidden()));
    private final StringProperty lambda1 = new SimpleStringProperty(FormFields.number(START.lambdaPosterior()));
    private final StringProperty lambda2 = new SimpleStringProperty(FormFields.number(START.lambdaPrior()));
    private final StringProperty samples = new SimpleStringProperty(Integer.toString(PaperDefaults.SAMPLES));
    private final StringProperty learningRate = new SimpleStringProperty(FormFields.number(PaperDefaults.LEARNING_RATE));
    private final StringProperty batch = new SimpleStringProperty(Integer.toString(PaperDefaults.BATCH));
    /** The defaults the run starts from; the learning rate, batch and centring follow it until edited. */
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(Protocol.PROJECT);
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>(Datasets.defaultDataset());
    /** The paper's EMA centring of the inference networks' inputs (density estimation only; {@link Centring#INFERENCE}). */
    private final BooleanProperty centring = new SimpleBooleanProperty(false);
    /**
     * The centring "on" means: the paper's, or the one of a model loaded from a format-2 checkpoint (continuing it keeps
     * the centring it was trained with). Back to the paper's once the box is switched off or a new model starts.
     */
    private Centring centringOn = Centring.INFERENCE;
    private final StringProperty epochs = new SimpleStringProperty(Integer.toString(DEFAULTS.epochs()));
    private final StringProperty seed = new SimpleStringProperty(Long.toString(DEFAULTS.seed()));
    /** Empty (or 0) means all of the training split. */
    private final StringProperty trainLimit = new SimpleStringProperty("");
    /** Steps of the KL warm-up; follows the latent kind's default until edited. */
    private final StringProperty klWarmup = new SimpleStringProperty(Integer.toString(START.klWarmupSteps()));
    /** Epochs the loaded run has trained: a continued run must go beyond them (0 without a loaded run). */
    private final IntegerProperty trainedEpochs = new SimpleIntegerProperty();
    private final ReadOnlyObjectWrapper<TrainingOptions> options = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper invalidField = new ReadOnlyStringWrapper("");
    /** H of the architecture the fields describe (units; code values for corners), for its label; the paper's if invalid. */
    private final ReadOnlyIntegerWrapper stochasticWidth = new ReadOnlyIntegerWrapper(PaperDefaults.UNITS);
    /** The options the demo preset filled in (null before), and whether the fields still hold them. */
    private TrainingOptions demoOptions;
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper();
    /** Counts the edits of any field: a cue to remember the values. */
    private final ReadOnlyIntegerWrapper edits = new ReadOnlyIntegerWrapper();
    private final BooleanBinding classesApply = Bindings.createBooleanBinding(
            () -> latent.get() != null && LatentChoice.of(latent.get()).classesApply(), latent);
    private final BooleanBinding hiddenApplies = Bindings.createBooleanBinding(
            () -> architecture.get() != null && architecture.get().nonlinear(), architecture);
    /** A KL warm-up means something only with an inference network (not for completion: no KL term). */
    private final BooleanBinding klWarmupApplies = Bindings.createBooleanBinding(
            () -> !Tasks.create(task.get()).conditionalPrior(), task);

    /** The fields' texts before any edit, for stored values that cannot be used. */
    private final Map<String, String> defaults;
    /** Fields that follow the task's, latent kind's and K's defaults until edited. */
    private final FormDefaults following;

    TrainingFormViewModel() {
        defaults = values();
        following = new FormDefaults(this);
        centring.addListener((o, was, on) -> {
            if (!on) {
                centringOn = Centring.INFERENCE; // switched off and on again: the paper's
            }
        });
        for (ObservableValue<?> v : List.of(task, architecture, latent, estimator, units, classes, gaussian, hidden, lambda1, lambda2,
                samples, learningRate, batch, epochs, seed, trainLimit, klWarmup, trainedEpochs, protocol, centring, dataset)) {
            v.addListener((o, a, b) -> validate());
        }
        for (ObservableValue<?> v : List.of(task, architecture, latent, estimator, units, classes, gaussian, hidden, lambda1, lambda2,
                samples, learningRate, batch, epochs, seed, trainLimit, klWarmup, protocol, centring, dataset)) {
            v.addListener((o, a, b) -> edits.set(edits.get() + 1));
        }
        validate();
    }

    // ------------------------------------------------------------------ state

    ObjectProperty<Architecture> architectureProperty() {
        return architecture;
    }

    /** The task's registered name: density or completion. */
    ObjectProperty<String> taskProperty() {
        return task;
    }

    /** Only a model with an inference network (density estimation) has a KL term to warm up. */
    BooleanBinding klWarmupAppliesProperty() {
        return klWarmupApplies;
    }

    ObjectProperty<LatentKind> latentProperty() {
        return latent;
    }

    ObjectProperty<String> estimatorProperty() {
        return estimator;
    }

    StringProperty unitsProperty() {
        return units;
    }

    StringProperty klWarmupProperty() {
        return klWarmup;
    }

    StringProperty classesProperty() {
        return classes;
    }

    StringProperty gaussianProperty() {
        return gaussian;
    }

    StringProperty hiddenProperty() {
        return hidden;
    }

    StringProperty lambda1Property() {
        return lambda1;
    }

    StringProperty lambda2Property() {
        return lambda2;
    }

    StringProperty samplesProperty() {
        return samples;
    }

    StringProperty learningRateProperty() {
        return learningRate;
    }

    StringProperty batchProperty() {
        return batch;
    }

    StringProperty epochsProperty() {
        return epochs;
    }

    StringProperty seedProperty() {
        return seed;
    }

    StringProperty trainLimitProperty() {
        return trainLimit;
    }

    IntegerProperty trainedEpochsProperty() {
        return trainedEpochs;
    }

    /** K means something only for categorical and corner latents. */
    BooleanBinding classesApplyProperty() {
        return classesApply;
    }

    /** The tanh layers' width means something only for the "~" architectures. */
    BooleanBinding hiddenAppliesProperty() {
        return hiddenApplies;
    }

    /** Why the KL warm-up changed by itself ("" when it did not, or the user has edited it since). */
    ReadOnlyStringProperty klWarmupNoteProperty() {
        return following.klWarmupNoteProperty();
    }

    /** H of the architecture the valid fields describe (the units; code values for corners), as the status counts it. */
    ReadOnlyIntegerProperty stochasticWidthProperty() {
        return stochasticWidth.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty editsProperty() {
        return edits.getReadOnlyProperty();
    }

    /** The valid options, or null. */
    ReadOnlyObjectProperty<TrainingOptions> optionsProperty() {
        return options.getReadOnlyProperty();
    }

    TrainingOptions options() {
        return options.get();
    }

    /** What is wrong, in the form's words ("" when nothing is). */
    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** "Ready: …" or the problem. */
    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The component the problem concerns (a key of {@link #LABELS}), or "" when none or no problem. */
    ReadOnlyStringProperty invalidFieldProperty() {
        return invalidField.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ commands

    /** Fills the fields from {@code o} (e.g. a loaded checkpoint's options). */
    void show(TrainingOptions o) {
        ModelSpec s = o.spec();
        task.set(s.task());
        architecture.set(s.architecture());
        latent.set(s.latentKind());
        units.set(Integer.toString(s.discreteUnits()));
        if (LatentChoice.of(s.latentKind()).classesApply()) {
            classes.set(Integer.toString(s.classes()));
        }
        gaussian.set(Integer.toString(s.gaussianUnits()));
        hidden.set(Integer.toString(s.hiddenUnits()));
        lambda1.set(FormFields.number(s.lambdaPosterior()));
        lambda2.set(FormFields.number(s.lambdaPrior()));
        samples.set(Integer.toString(s.samples()));
        estimator.set(s.estimator());
        protocol.set(o.protocol());
        dataset.set(o.dataset());
        centringOn = s.centring() == Centring.EVERY_READER ? Centring.EVERY_READER : Centring.INFERENCE;
        centring.set(s.centring().on());
        learningRate.set(FormFields.number(s.learningRate()));
        batch.set(Integer.toString(o.batchSize()));
        epochs.set(Integer.toString(o.epochs()));
        seed.set(Long.toString(o.seed()));
        // 0 and a limit beyond the split (the command line accepts it) both mean all of it
        trainLimit.set(o.trainLimit() <= 0 || o.trainLimit() >= o.dataset().trainSize() ? "" : Integer.toString(o.trainLimit()));
        klWarmup.set(Integer.toString(o.klWarmupSteps()));
        validate(); // the centring's kind alone may differ from the last model shown: no field's listener saw it
    }

    /** The options with the paper's centring wherever a loaded model had the old one: a new model never gets it. */
    TrainingOptions forNewModel() {
        centringOn = Centring.INFERENCE;
        validate();
        return options.get();
    }

    /** Fills the fields with the {@link DemoRun} preset; {@link #demoProperty()} holds until a field is changed. */
    void showDemo() {
        show(DemoRun.options());
        demoOptions = options.get();
        demo.set(demoOptions != null);
    }

    /** Whether the fields hold the demo preset (so the form can say what it is). */
    ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    /** The fields as text, to remember between launches. */
    Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task.get());
        m.put("architecture", architecture.get().name());
        m.put("latentKind", latent.get().name());
        m.put("estimator", estimator.get());
        m.put("protocol", protocol.get().label());
        m.put("dataset", dataset.get().name());
        m.put("centring", Boolean.toString(centring.get()));
        texts().forEach((k, p) -> m.put(k, p.get()));
        return m;
    }

    /**
     * Restores {@link #values()}. Stored values are not the user's typing: anything unusable (an unknown choice,
     * a corrupt number, a value that fails validation) silently gives way to the default.
     */
    void restore(Map<String, String> values) {
        String t = values.get("task");
        if (t != null && Tasks.names().contains(t)) {
            task.set(t);
        }
        try {
            String a = values.get("architecture");
            if (a != null) {
                architecture.set(Architecture.valueOf(a));
            }
        } catch (IllegalArgumentException ignored) {
            // another version's choice: keep the default
        }
        try {
            String k = values.get("latentKind");
            if (k != null) {
                latent.set(LatentKind.valueOf(k));
            }
        } catch (IllegalArgumentException ignored) {
            // as above
        }
        String e = values.get("estimator");
        if (e != null && Estimators.known(e)) {
            estimator.set(e);
        }
        try {
            String p = values.get("protocol");
            if (p != null) {
                protocol.set(Protocol.named(p));
            }
        } catch (IllegalArgumentException ignored) {
            // another version's choice: keep the default
        }
        String d = values.get("dataset");
        if (d != null && Datasets.names().contains(d)) {
            dataset.set(Datasets.named(d));
        }
        String c = values.get("centring");
        if ("true".equals(c) || "false".equals(c)) {
            centring.set(Boolean.parseBoolean(c));
        }
        texts().forEach((k, p) -> {
            String v = values.get(k);
            if (v != null && FormFields.parses(k, v)) {
                p.set(v);
            }
        });
        // numbers, but out of range: reset the field named, while that changes something
        for (int i = 0; i < defaults.size() && !invalidField.get().isEmpty(); i++) {
            StringProperty field = texts().get(invalidField.get());
            String fallback = defaults.get(invalidField.get());
            if (field.get().equals(fallback)) {
                break; // the default itself is refused: the stored values do not fit together
            }
            field.set(fallback);
        }
        if (options.get() == null) {
            texts().forEach((k, p) -> p.set(defaults.get(k)));
        }
    }

    private Map<String, StringProperty> texts() {
        Map<String, StringProperty> m = new LinkedHashMap<>();
        m.put("discreteUnits", units);
        m.put("classes", classes);
        m.put("gaussianUnits", gaussian);
        m.put("hiddenUnits", hidden);
        m.put("lambdaPosterior", lambda1);
        m.put("lambdaPrior", lambda2);
        m.put("samples", samples);
        m.put("learningRate", learningRate);
        m.put("batchSize", batch);
        m.put("epochs", epochs);
        m.put(SEED, seed);
        m.put("trainLimit", trainLimit);
        m.put("klWarmupSteps", klWarmup);
        return m;
    }

    // ------------------------------------------------------------------ validation

    private void validate() {
        try {
            TrainingOptions o = build();
            options.set(o);
            problem.set("");
            invalidField.set("");
            ModelSpec spec = o.spec();
            stochasticWidth.set(spec.latentKind().architectureWidth(spec.discreteUnits(), spec.classes()));
            message.set("Ready: " + spec.describe() + ".");
            demo.set(o.equals(demoOptions));
        } catch (IllegalArgumentException e) {
            String field = e instanceof InvalidSettingException s ? s.field() : "";
            String text = FormFields.friendly(field, e.getMessage());
            options.set(null);
            invalidField.set(LABELS.containsKey(field) ? field : "");
            problem.set(text);
            message.set(text);
            demo.set(false);
        }
    }

    private TrainingOptions build() {
        boolean kAry = LatentChoice.of(latent.get()).classesApply();
        int u = FormFields.integer(units, "discreteUnits");
        int k = kAry ? FormFields.integer(classes, "classes") : 2;
        int g = FormFields.integer(gaussian, "gaussianUnits");
        int h = hiddenApplies.get() ? FormFields.integer(hidden, "hiddenUnits") : unusedHidden();
        ModelSpec spec = new ModelSpec(architecture.get(), latent.get(), u, k, g, h, FormFields.real(lambda1, "lambdaPosterior"),
                FormFields.real(lambda2, "lambdaPrior"), FormFields.integer(samples, "samples"), FormFields.real(learningRate, "learningRate"), estimator.get(),
                task.get(), centring.get() ? centringOn : Centring.OFF);
        long s;
        try {
            s = Long.parseLong(seed.get().trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(SEED, "seed must be a whole number, was '" + seed.get() + "'");
        }
        int limit = trainLimit.get().isBlank() ? 0 : FormFields.integer(trainLimit, "trainLimit");
        int split = dataset.get().trainSize();
        if (limit > split) {
            throw new InvalidSettingException("trainLimit", String.format(Locale.ROOT,
                    "trainLimit must be at most %,d (%s's training split; empty or 0 = all of it), was %d", split,
                    dataset.get().label(), limit));
        }
        int used = limit <= 0 ? split : limit; // a negative limit is reported by TrainingOptions
        int b = FormFields.integer(batch, "batchSize");
        if (b > used) {
            throw new InvalidSettingException("batchSize", String.format(Locale.ROOT,
                    "batchSize (%d) must not exceed the %,d training images used", b, used));
        }
        int total = FormFields.integer(epochs, "epochs");
        int trained = trainedEpochs.get();
        if (trained > 0 && total <= trained) {
            throw new InvalidSettingException("epochs", "epochs must be more than the " + trained
                    + " the loaded run has trained, was " + total);
        }
        int warmup = FormFields.integer(klWarmup, "klWarmupSteps");
        if (warmup > 0 && !klWarmupApplies.get()) {
            throw new InvalidSettingException("klWarmupSteps", "klWarmupSteps must be 0 for the " + task.get() + " task: it"
                    + " has no KL term (its latents are drawn from the prior given the top half)");
        }
        return new TrainingOptions(spec, b, total, s, Binarization.DYNAMIC, limit,
                PaperDefaults.VALIDATION_IMAGES, PaperDefaults.VALIDATION_SAMPLES, null, 0, 0, warmup, protocol.get(),
                dataset.get());
    }

    /** The images the run trains on. */
    ObjectProperty<Dataset> datasetProperty() {
        return dataset;
    }

    ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    BooleanProperty centringProperty() {
        return centring;
    }

    /** A linear model has no tanh layers: keep whatever width is shown (a loaded run's) if it is one, else the default. */
    private int unusedHidden() {
        try {
            int h = Integer.parseInt(hidden.get().trim());
            return h >= 1 ? h : PaperDefaults.HIDDEN;
        } catch (NumberFormatException e) {
            return PaperDefaults.HIDDEN;
        }
    }

    /** Up to 6 significant digits, without trailing zeros (the form's way of showing a number). */
    static String number(double v) {
        return FormFields.number(v);
    }
}
