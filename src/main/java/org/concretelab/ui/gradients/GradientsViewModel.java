package org.concretelab.ui.gradients;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.gradients.ComparisonResult;
import org.concretelab.gradients.ComparisonSettings;
import org.concretelab.gradients.EstimatorResult;
import org.concretelab.gradients.GradientComparison;
import org.concretelab.gradients.ReferenceGradient;
import org.concretelab.gradients.toy.ToyEstimators;
import org.concretelab.model.VaeModel;
import org.concretelab.train.Trainer;

/**
 * The Gradients tab without its controls. Two studies:
 * <ul>
 * <li>the estimators on a model: which model (shipped, loaded, a snapshot of the running training), N, how many test
 * images, the reference's size and whether to sweep λ; Run and Cancel; progress; the results as a table's rows and as
 * chart-fx data sets (variance, bias² and noise floor per estimator; the relaxed estimators across λ1);</li>
 * <li>the toy f(θ) = E[(z − t)²]: θ, λ and N, and per estimator a histogram of N estimates with the exact gradient
 * and the estimator's expectation.</li>
 * </ul>
 * Confined to the FX thread: the work runs on {@code background} (a comparison and the toy may run at once: give it
 * two threads or more) and comes back through {@code ui}.
 */
public final class GradientsViewModel {
    /** Where the model to compare the estimators on comes from. */
    public enum Source {
        SHIPPED("Shipped model"), LOADED("Loaded checkpoint"), TRAINING("Training run (snapshot)");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Reference sizes offered (discrete draws per image). */
    public static final List<Integer> REFERENCE_SIZES = List.of(2_000, 10_000, 50_000, 100_000);

    private final Executor background;
    private final Executor ui;

    // ------------------------------------------------------------------ the estimators on a model
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.SHIPPED);
    private final ObjectProperty<VaeModel> shippedModel = new SimpleObjectProperty<>();
    private final ObjectProperty<VaeModel> loadedModel = new SimpleObjectProperty<>();
    private final ObjectProperty<Supplier<VaeModel>> trainingSource = new SimpleObjectProperty<>();
    private final ObjectProperty<Trainer> trainer = new SimpleObjectProperty<>();
    private final ObjectProperty<TestImages> testImages = new SimpleObjectProperty<>();
    private final ObjectProperty<Dataset> loadedDataset = new SimpleObjectProperty<>(Datasets.defaultDataset());
    private final ObjectBinding<Dataset> neededDataset;
    private final IntegerProperty draws = new SimpleIntegerProperty(ComparisonSettings.DRAWS);
    private final IntegerProperty images = new SimpleIntegerProperty(10);
    private final IntegerProperty referenceDraws = new SimpleIntegerProperty(ComparisonSettings.REFERENCE_DRAWS);
    private final BooleanProperty sweep = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading the shipped model and the test images…");
    private final ReadOnlyObjectWrapper<ComparisonResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<EstimatorResult> rows = FXCollections.observableArrayList();
    /** The compared estimators (every registered one), named on the points chart's axis before the first run too. */
    private final ObservableList<String> estimatorNames =
            FXCollections.observableArrayList(org.concretelab.model.estimator.Estimators.names());
    private final ComparisonCharts charts = new ComparisonCharts();
    private final ReadOnlyDoubleWrapper modelLambda = new ReadOnlyDoubleWrapper(Double.NaN);
    /** Which model the shown results were computed on ("" without results), named above the table. */
    private final ReadOnlyStringWrapper resultsFor = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    /** The model the shown results were computed on (a training snapshot is its own model), null without results. */
    private VaeModel resultModel;
    private Source resultSource;
    private final BooleanBinding sourceAvailable;
    private final BooleanBinding canRun;
    private final AtomicReference<Object[]> progressPending = new AtomicReference<>();
    private final AtomicBoolean progressScheduled = new AtomicBoolean();
    private AtomicBoolean cancel = new AtomicBoolean();
    /** Threads a comparison draws with: one, so that a core stays free for the FX thread (as training leaves one). */
    private int threads = Integer.getInteger("gradients.threads", 1);

    private final ToyExplorer toy;

    /** {@code background} must run a comparison and a toy update at once (e.g. {@link #daemonPool()}). */
    public GradientsViewModel(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        toy = new ToyExplorer(background, ui);
        sourceAvailable = Bindings.createBooleanBinding(() -> switch (source.get()) {
            case SHIPPED -> shippedModel.get() != null;
            case LOADED -> loadedModel.get() != null;
            case TRAINING -> trainer.get() != null && trainingSource.get() != null;
        }, source, shippedModel, loadedModel, trainer, trainingSource);
        neededDataset = Bindings.createObjectBinding(() -> switch (source.get()) {
            case SHIPPED -> Datasets.defaultDataset(); // the shipped 200-bit model's
            case LOADED -> loadedDataset.get();
            case TRAINING -> trainer.get() != null ? trainer.get().options().dataset() : Datasets.defaultDataset();
        }, source, loadedDataset, trainer);
        canRun = Bindings.createBooleanBinding(() -> !running.get() && sourceAvailable.get() && testImages.get() != null
                && testImages.get().dataset() == neededDataset.get(), running, sourceAvailable, testImages, neededDataset);
        loadedModel.addListener((o, a, m) -> {
            if (m != null && !running.get()) {
                source.set(Source.LOADED); // what the user just chose to look at
            }
        });
        shippedModel.addListener((o, a, m) -> describeReadiness());
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {source, shippedModel, loadedModel}) {
            o.addListener(x -> {
                markModelLambda();
                forgetResultsOfAnotherModel();
            });
        }
        testImages.addListener((o, a, m) -> describeReadiness());
        neededDataset.addListener((o, a, d) -> describeReadiness());
    }

    /** Two daemon threads for a comparison and the toy at once. */
    public static ExecutorService daemonPool() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gradients");
            t.setDaemon(true);
            return t;
        });
    }

    /** The selected model's λ1 on the sweep's axis, before any run (a training run's is known once it is copied). */
    private void markModelLambda() {
        VaeModel m = source.get() == Source.SHIPPED ? shippedModel.get() : source.get() == Source.LOADED ? loadedModel.get() : null;
        if (m != null && !running.get()) {
            modelLambda.set(m.temperatures()[0]);
        }
    }

    /** The model the selected source offers now (null for a training run: each Run copies a new snapshot). */
    private VaeModel selectedModel() {
        return source.get() == Source.SHIPPED ? shippedModel.get() : source.get() == Source.LOADED ? loadedModel.get() : null;
    }

    /**
     * The selection moved to another model: the table and charts of the last comparison belong to the model they were
     * computed on, so they go (the λ1 marker already shows the new model's), and the status says why.
     */
    private void forgetResultsOfAnotherModel() {
        if (resultModel == null || running.get() || resultSource == source.get()
                && (source.get() == Source.TRAINING || selectedModel() == resultModel)) {
            return; // still the model they were computed on (a training run's results stay with its run)
        }
        String was = resultsFor.get();
        resultModel = null;
        resultSource = null;
        result.set(null);
        rows.clear();
        estimatorNames.setAll(org.concretelab.model.estimator.Estimators.names());
        charts.clear();
        resultsFor.set("");
        verdict.set("");
        VaeModel now = selectedModel();
        status.set("Results cleared: they were computed on " + was + ". Run compares the estimators on "
                + (now != null ? now.spec().describe() + " (" + source.get().toString().toLowerCase(Locale.ROOT) + ")"
                : "a snapshot of the training run") + ".");
    }

    private void describeReadiness() {
        if (running.get() || result.get() != null) {
            return;
        }
        if (testImages.get() == null || testImages.get().dataset() != neededDataset.get()) {
            status.set("Waiting for the " + neededDataset.get().label() + " test images…");
        } else if (shippedModel.get() == null && loadedModel.get() == null) {
            status.set("Waiting for a model (the shipped one, a loaded checkpoint or a training run)…");
        } else {
            status.set("Ready: Run draws N estimates per estimator at the encoder's logits and compares them with the reference.");
        }
    }

    // ------------------------------------------------------------------ comparison commands

    /** Starts a comparison with the current settings in the background (nothing if one runs or none can). */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        Source from = source.get();
        VaeModel fixed = from == Source.SHIPPED ? shippedModel.get() : from == Source.LOADED ? loadedModel.get() : null;
        Supplier<VaeModel> snapshot = trainingSource.get();
        float[] all = testImages.get().binarized();
        int n = Math.max(1, Math.min(images.get(), all.length / 784));
        float[] batch = java.util.Arrays.copyOf(all, n * 784);
        ComparisonSettings settings = new ComparisonSettings(draws.get(), referenceDraws.get(), ComparisonSettings.MULTI_SAMPLES,
                sweep.get() ? ComparisonSettings.standardSweep() : new double[0], 1, threads);
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        running.set(true);
        progress.set(0);
        status.set("Starting…");
        background.execute(() -> {
            Runnable update;
            try {
                VaeModel model = fixed != null ? fixed : snapshot.get();
                if (model == null) {
                    throw new IllegalStateException("the training run has no model to copy yet");
                }
                ComparisonResult r = GradientComparison.run(model, batch, n, settings, this::progressed, cancelled::get);
                update = () -> {
                    show(r, from);
                    resultModel = model;
                    resultSource = from;
                    forgetResultsOfAnotherModel(); // the selection changed while it ran
                };
            } catch (CancellationException e) {
                update = () -> status.set("Cancelled.");
            } catch (RuntimeException e) {
                update = () -> status.set("Failed: " + e.getMessage());
            }
            Runnable u = update;
            ui.execute(() -> {
                running.set(false);
                progress.set(0);
                u.run();
            });
        });
    }

    /** Stops a running comparison at its next draw. */
    public void cancel() {
        cancel.set(true);
        if (running.get()) {
            status.set("Cancelling…");
        }
    }

    /** From the comparison's threads: the latest report goes to the FX thread, at most one update queued at a time. */
    private void progressed(double fraction, String stage) {
        progressPending.set(new Object[] {fraction, stage});
        if (progressScheduled.compareAndSet(false, true)) {
            ui.execute(() -> {
                progressScheduled.set(false);
                Object[] p = progressPending.getAndSet(null);
                if (p != null && running.get() && !cancel.get()) {
                    progress.set((Double) p[0]);
                    status.set(String.format(Locale.ROOT, "%s (%.0f %%)", p[1], 100 * (Double) p[0]));
                }
            });
        }
    }

    private void show(ComparisonResult r, Source from) {
        result.set(r);
        resultsFor.set(r.model() + " (" + from.toString().toLowerCase(Locale.ROOT) + ")");
        verdict.set(org.concretelab.gradients.ComparisonReport.verdict(r));
        rows.setAll(r.estimators());
        List<String> names = new ArrayList<>();
        for (EstimatorResult e : r.estimators()) {
            names.add(e.estimator());
        }
        estimatorNames.setAll(names);
        charts.fillPoints(r.estimators());
        charts.fillSweep(r.sweep());
        EstimatorResult firstRelaxed = r.estimators().stream().filter(EstimatorResult::relaxed).findFirst().orElse(null);
        modelLambda.set(firstRelaxed == null ? Double.NaN : firstRelaxed.lambdaPosterior());
        StringBuilder refs = new StringBuilder();
        for (ReferenceGradient g : r.references()) {
            refs.append(String.format(Locale.ROOT, "; reference %s: %,d draws per image, SE² %.2g against |g|²/d %.2g", g.objective(),
                    g.draws(), g.meanSquaredStandardError(), g.meanSquare()));
        }
        status.set(String.format(Locale.ROOT, "%s (%s), %d image%s, N = %d: %.1f s%s.", r.model(),
                from.toString().toLowerCase(Locale.ROOT), r.images(), r.images() == 1 ? "" : "s",
                r.estimators().isEmpty() ? 0 : r.estimators().get(0).draws(), r.seconds(), refs));
    }

    /** The comparison in one or two sentences (ComparisonReport.verdict), "" before a result. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** Draws N new estimates of every toy estimator (another seed). */
    public void resampleToy() {
        toy.resampleToy();
    }

    /** The toy's gradient race: Start (from the current θ and λ), Reset, its series. */
    RaceExplorer race() {
        return toy.race();
    }

    /** Starts the toy's gradient race from the current θ and λ (a running one starts over). */
    public void startRace() {
        toy.startRace();
    }

    /** Stops the gradient race and clears its chart. */
    public void resetRace() {
        toy.race().reset();
    }

    // ------------------------------------------------------------------ inputs from the app

    /** The model shipped with the app (restored in the background). */
    public ObjectProperty<VaeModel> shippedModelProperty() {
        return shippedModel;
    }

    /** The checkpoint last loaded in the Training tab; setting one selects it as the source. */
    public ObjectProperty<VaeModel> loadedModelProperty() {
        return loadedModel;
    }

    /** Where a snapshot of the model being trained comes from (called in the background). */
    public ObjectProperty<Supplier<VaeModel>> trainingSourceProperty() {
        return trainingSource;
    }

    /** The Training tab's run, if any: the training source is available while there is one. */
    public ObjectProperty<Trainer> trainerProperty() {
        return trainer;
    }

    /** The dataset the checkpoint last loaded was trained on (set with {@link #loadedModelProperty()}). */
    public ObjectProperty<Dataset> loadedDatasetProperty() {
        return loadedDataset;
    }

    /** Whose test images the selected source's model needs: a comparison waits for them. */
    public ObjectBinding<Dataset> neededDatasetProperty() {
        return neededDataset;
    }

    /** Binarized test images of a dataset; the first {@link #imagesProperty()} are used while it is the one needed. */
    public ObjectProperty<TestImages> testImagesProperty() {
        return testImages;
    }

    // ------------------------------------------------------------------ settings

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** Whether the selected source has a model to offer. */
    public BooleanBinding sourceAvailableProperty() {
        return sourceAvailable;
    }

    /** N, the estimates per estimator. */
    public IntegerProperty drawsProperty() {
        return draws;
    }

    public IntegerProperty imagesProperty() {
        return images;
    }

    /** Discrete draws per image behind the reference. */
    public IntegerProperty referenceDrawsProperty() {
        return referenceDraws;
    }

    /** Whether Run also sweeps λ1 from 10 to 0.05 for the relaxed estimators. */
    public BooleanProperty sweepProperty() {
        return sweep;
    }

    // ------------------------------------------------------------------ outputs

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0 … 1 while running. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last finished comparison (null before). */
    public ReadOnlyObjectProperty<ComparisonResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** One row per estimator of the last comparison. */
    public ObservableList<EstimatorResult> rows() {
        return rows;
    }

    /** The estimators' names in the points chart's order (x = index). */
    public ObservableList<String> estimatorNames() {
        return estimatorNames;
    }

    /** Variance, bias² and noise floor per estimator, at x = its index ± a small offset. */
    public List<DoubleDataSet> pointSets() {
        return charts.pointSets();
    }

    /** The λ sweep: per relaxed estimator its variance, bias² and noise floor over λ1. */
    public ObservableList<DoubleDataSet> sweepSets() {
        return charts.sweepSets();
    }

    /** "Results for" what: the model the table and charts were computed on and where it came from; "" without results. */
    public ReadOnlyStringProperty resultsForProperty() {
        return resultsFor.getReadOnlyProperty();
    }

    /** The model's λ1, marked on the sweep (NaN before a comparison). */
    public ReadOnlyDoubleProperty modelLambdaProperty() {
        return modelLambda.getReadOnlyProperty();
    }

    public DoubleProperty thetaProperty() {
        return toy.thetaProperty();
    }

    /** The toy's temperature λ (relaxed and straight-through estimators). */
    public DoubleProperty lambdaProperty() {
        return toy.lambdaProperty();
    }

    public IntegerProperty toyDrawsProperty() {
        return toy.toyDrawsProperty();
    }

    /** Per toy estimator, in {@link ToyEstimators#all()} order. */
    public List<ToyView> toyViews() {
        return toy.toyViews();
    }

    public ReadOnlyDoubleProperty exactGradientProperty() {
        return toy.exactGradientProperty();
    }

    /** The toy's formula with θ, σ(θ) and the exact gradient. */
    public ReadOnlyStringProperty toySummaryProperty() {
        return toy.toySummaryProperty();
    }

    /** Counts the toy updates shown (tests wait on it). */
    public ReadOnlyObjectProperty<Long> toyVersionProperty() {
        return toy.toyVersionProperty();
    }
}
