package org.concretelab.ui.tour;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.concretelab.ui.settings.AppSettings;
import org.concretelab.ui.training.DemoRun;

/**
 * The guided first run: the steps as data, which one shows, and whether the tour shows at all. It offers itself at
 * launch until the user dismisses it ("Don't show again") or finishes it (Done on the last step); both are remembered
 * in the app's settings. Help → Tour starts it again whatever was remembered.
 */
public final class TourViewModel {
    /** Set once the tour was dismissed or finished: it no longer opens at launch. */
    public static final String DISMISSED_KEY = "tour.dismissed";

    /** The story: the distribution, a trained model's bits, completion, a run of one's own, the estimators. */
    public static final List<TourStep> STEPS = List.of(
            new TourStep("concrete-tab", List.of("lambda-slider"), List.of("simplex-plot"), "The Concrete distribution",
                    "Drag the temperature λ from 5 down to 0.1 → you should see the cloud of samples leave the middle of "
                            + "the triangle and pile up at its corners: at low λ a Concrete sample is almost one-hot."),
            new TourStep("latents-tab", List.of("flip-gallery"), List.of("decoded-holder", "difference-view"), "The bits that matter",
                    "Click a few of the bits that matter most for this digit → you should see the decoded digit change, "
                            + "red where ink appears and blue where it goes (Ctrl+Z undoes a flip)."),
            new TourStep("complete-tab", List.of("random-digit-button"), List.of("completion-grid"), "Complete a half digit",
                    "Click Random digit → you should see the model, given only the top half, draw 16 different bottom "
                            + "halves, and their mean beside them."),
            new TourStep("training-tab", List.of("demo-run-button", "start-button"), List.of("step-chart", "validation-chart"),
                    "Train a model yourself",
                    "Press Demo run, then Start → you should see the bound climb here for " + DemoRun.SECONDS_TEXT + "; "
                            + "open the Latents tab meanwhile (Follow training on) and watch its digit sharpen."),
            new TourStep("gradients-tab", List.of("gradients-run"), List.of("gradients-table", "gradients-verdict"), "Compare the estimators",
                    "Press Run → you should see each estimator's variance and bias on the shipped model: the relaxed "
                            + "ones biased but quiet, the score-function ones unbiased but noisy."));

    private final AppSettings settings;
    private final List<TourStep> steps;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<TourStep> step = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canGoBack = index.greaterThan(0);
    private final BooleanBinding last;
    private final StringBinding progress;

    public TourViewModel(AppSettings settings) {
        this(settings, STEPS);
    }

    public TourViewModel(AppSettings settings, List<TourStep> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a tour needs at least one step");
        }
        this.settings = settings;
        this.steps = List.copyOf(steps);
        last = index.isEqualTo(this.steps.size() - 1);
        progress = Bindings.createStringBinding(() -> "Tour · step " + (index.get() + 1) + " of " + this.steps.size(), index);
        step.bind(Bindings.createObjectBinding(() -> this.steps.get(index.get()), index));
    }

    /** Starts the tour at launch unless it was dismissed or finished before; returns whether it shows. */
    public boolean offerOnLaunch() {
        if (!settings.getBoolean(DISMISSED_KEY, false)) {
            start();
        }
        return showing.get();
    }

    /** From the first step (Help → Tour), whatever was remembered. */
    public void start() {
        index.set(0);
        showing.set(true);
    }

    /** The next step; on the last one, Done: the tour closes and is remembered as seen. */
    public void next() {
        if (!showing.get()) {
            return;
        }
        if (last.get()) {
            dismiss();
        } else {
            index.set(index.get() + 1);
        }
    }

    public void back() {
        if (showing.get() && index.get() > 0) {
            index.set(index.get() - 1);
        }
    }

    /** "Don't show again": closes the tour, and it no longer opens at launch. */
    public void dismiss() {
        showing.set(false);
        settings.put(DISMISSED_KEY, "true");
    }

    /** Closes the tour for now; it opens again at the next launch. */
    public void close() {
        showing.set(false);
    }

    public List<TourStep> steps() {
        return steps;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TourStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    /** True on the last step, where Next reads Done. */
    public BooleanBinding lastProperty() {
        return last;
    }

    /** "Tour · step 2 of 5". */
    public StringBinding progressProperty() {
        return progress;
    }
}
