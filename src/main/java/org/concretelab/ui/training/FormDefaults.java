package org.concretelab.ui.training;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.binding.BooleanBinding;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.ModelDefaults;
import org.concretelab.train.Protocol;

/**
 * The training form's fields that follow the defaults of the task, the latent kind and K ({@link ModelDefaults}, as the
 * command line's): a field still showing the previous choice's default takes the new one; an edited one stays. The KL
 * warm-up says beside it why it changed by itself.
 */
final class FormDefaults {
    private final ObjectProperty<String> task;
    private final ObjectProperty<Architecture> architecture;
    private final ObjectProperty<LatentKind> latent;
    private final StringProperty units;
    private final StringProperty classes;
    private final StringProperty hidden;
    private final StringProperty lambda1;
    private final StringProperty lambda2;
    private final StringProperty klWarmup;
    private final BooleanBinding klWarmupApplies;
    private final ObjectProperty<Protocol> protocol;
    private final BooleanProperty centring;
    private final StringProperty learningRate;
    private final StringProperty batch;
    /** Why the KL warm-up just changed by itself (it follows the latent kind), "" once the user edits it. */
    private final ReadOnlyStringWrapper klWarmupNote = new ReadOnlyStringWrapper("");
    private boolean followingKlWarmup;
    /** The K the temperatures last followed (the last whole number in the K field). */
    private int followedClasses = PaperDefaults.CLASSES;

    FormDefaults(TrainingFormViewModel form) {
        task = form.taskProperty();
        architecture = form.architectureProperty();
        latent = form.latentProperty();
        units = form.unitsProperty();
        classes = form.classesProperty();
        hidden = form.hiddenProperty();
        lambda1 = form.lambda1Property();
        lambda2 = form.lambda2Property();
        klWarmup = form.klWarmupProperty();
        klWarmupApplies = form.klWarmupAppliesProperty();
        protocol = form.protocolProperty();
        centring = form.centringProperty();
        learningRate = form.learningRateProperty();
        batch = form.batchProperty();
        latent.addListener((o, before, now) -> followLatentDefaults(before, now));
        klWarmup.addListener((o, a, b) -> {
            if (!followingKlWarmup) {
                klWarmupNote.set(""); // the user's own value needs no explaining
            }
        });
        classes.addListener((o, before, now) -> followClassesDefaults());
        task.addListener((o, before, now) -> followTaskDefaults(before, now));
        units.addListener((o, before, now) -> followUnits(before, now));
        protocol.addListener((o, before, now) -> followProtocol(before, now, architecture.get(), task.get()));
        architecture.addListener((o, before, now) -> followProtocol(protocol.get(), protocol.get(), before, task.get()));
        task.addListener((o, before, now) -> followProtocol(protocol.get(), protocol.get(), architecture.get(), before));
    }

    /**
     * The learning rate, batch and centring still showing the defaults of {@code before} (protocol, architecture, task)
     * take those of the protocol, architecture and task now chosen (the paper's rate depends on a linear or non-linear
     * model, its centring on the task); a value the user typed stays.
     */
    private void followProtocol(Protocol before, Protocol now, Architecture archBefore, String taskBefore) {
        if (before == null || now == null || archBefore == null || taskBefore == null || architecture.get() == null) {
            return;
        }
        try {
            if (Double.parseDouble(learningRate.get().trim()) == before.learningRate(archBefore, taskBefore)) {
                learningRate.set(TrainingFormViewModel.number(now.learningRate(architecture.get(), task.get())));
            }
        } catch (NumberFormatException typed) {
            // not a number yet: the user's, left alone
        }
        if (batch.get().trim().equals(Integer.toString(before.batchSize()))) {
            batch.set(Integer.toString(now.batchSize()));
        }
        if (centring.get() == before.centring(taskBefore)) {
            centring.set(now.centring(task.get()));
        }
    }

    /**
     * A '~' network is as wide as its stochastic layer (the paper's appendix D.1; {@link PaperDefaults#hidden(String,
     * LatentKind, int, int)}, as the command line's): the hidden width still showing the width for the previous units
     * takes the width for the new ones (240 binary units, or 120 4-ary ones: 240).
     */
    private void followUnits(String before, String now) {
        if (latent.get() == null || task.get() == null) {
            return;
        }
        int k = followedClasses;
        try {
            k = latent.get().classesApply() ? Integer.parseInt(classes.get().trim()) : 2; // a kind without K: two classes
        } catch (NumberFormatException typing) {
            // K being typed: the last whole one
        }
        try {
            int was = PaperDefaults.hidden(task.get(), latent.get(), k, Integer.parseInt(before.trim()));
            int is = PaperDefaults.hidden(task.get(), latent.get(), k, Integer.parseInt(now.trim()));
            if (was != is && hidden.get().trim().equals(Integer.toString(was))) {
                hidden.set(Integer.toString(is));
            }
        } catch (NumberFormatException | NullPointerException typing) {
            // units being typed (not a number yet): nothing to follow
        }
    }

    ReadOnlyStringProperty klWarmupNoteProperty() {
        return klWarmupNote.getReadOnlyProperty();
    }

    /**
     * The architecture, units and hidden width follow the task's defaults ({@link ModelDefaults}, as the CLI's) unless
     * the user changed them from the previous task's; a completion model has no KL term, so no warm-up.
     */
    private void followTaskDefaults(String before, String now) {
        if (before == null || now == null || latent.get() == null) {
            return;
        }
        ModelDefaults next = ModelDefaults.of(now, latent.get(), followedClasses);
        follow(ModelDefaults.of(before, latent.get(), followedClasses), next);
        if (Tasks.create(now).conditionalPrior()) {
            followKlWarmup(0, "Set to 0: completion has no KL term.");
        } else if (Tasks.create(before).conditionalPrior()) {
            followKlWarmup(next.klWarmupSteps(), null);
        }
    }

    /** λ1, λ2 and the KL warm-up follow the latent kind's defaults unless the user changed them from the previous kind's. */
    private void followLatentDefaults(LatentKind before, LatentKind now) {
        if (before == null || now == null) {
            return;
        }
        ModelDefaults was = ModelDefaults.of(task.get(), before, followedClasses);
        ModelDefaults next = ModelDefaults.of(task.get(), now, followedClasses);
        if (klWarmupApplies.get() && klWarmup.get().trim().equals(Integer.toString(was.klWarmupSteps()))
                && was.klWarmupSteps() != next.klWarmupSteps()) {
            followKlWarmup(next.klWarmupSteps(), null);
        }
        follow(was, next);
    }

    /**
     * Sets the KL warm-up to a kind's or task's default and says so beside the field ({@code note}, else the latent
     * kind's reason): a value changing by itself, unexplained, looks like a bug.
     */
    private void followKlWarmup(int steps, String note) {
        followingKlWarmup = true;
        try {
            klWarmup.set(Integer.toString(steps));
        } finally {
            followingKlWarmup = false;
        }
        LatentKind kind = latent.get();
        klWarmupNote.set(note != null ? note : String.format(Locale.ROOT, "Set to %,d: the default for %s; edit to change.",
                steps, kind.klWarmupReason()));
    }

    /** The same when K changes (corner latents' defaults depend on it); a K being typed (not a number yet) waits. */
    private void followClassesDefaults() {
        int k;
        try {
            k = Integer.parseInt(classes.get().trim());
        } catch (NumberFormatException e) {
            return;
        }
        LatentKind kind = latent.get();
        if (kind != null && task.get() != null) {
            follow(ModelDefaults.of(task.get(), kind, followedClasses), ModelDefaults.of(task.get(), kind, k));
        }
        followedClasses = k;
    }

    /** Each field still showing {@code before}'s default (the user did not change it) takes {@code now}'s. */
    private void follow(ModelDefaults before, ModelDefaults now) {
        if (before.architecture() != now.architecture() && architecture.get() == before.architecture()) {
            architecture.set(now.architecture());
        }
        if (before.units() != now.units() && units.get().trim().equals(Integer.toString(before.units()))) {
            units.set(Integer.toString(now.units()));
        }
        if (before.hidden() != now.hidden() && hidden.get().trim().equals(Integer.toString(before.hidden()))) {
            hidden.set(Integer.toString(now.hidden()));
        }
        if (before.lambdaPosterior() != now.lambdaPosterior() && same(lambda1.get(), before.lambdaPosterior())) {
            lambda1.set(TrainingFormViewModel.number(now.lambdaPosterior()));
        }
        if (before.lambdaPrior() != now.lambdaPrior() && same(lambda2.get(), before.lambdaPrior())) {
            lambda2.set(TrainingFormViewModel.number(now.lambdaPrior()));
        }
    }

    private static boolean same(String text, double value) {
        try {
            return TrainingFormViewModel.number(Double.parseDouble(text.trim())).equals(TrainingFormViewModel.number(value));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
