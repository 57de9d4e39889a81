package org.concretelab.train;

import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.task.Tasks;

/**
 * The defaults of the settings that follow the task, the latent kind and K: the one resolver for the command line
 * (a value not given) and the app's form (a field still showing the previous choice's default follows the new one).
 *
 * @param architecture    200H~784V for density estimation, 392V~240H~240H~392V for completion
 * @param units           discrete units per stochastic layer (200; completion 240)
 * @param hidden          width of the tanh layers: the stochastic layer's in code values (200 binary, 400 for 200
 *                        4-ary corner units; completion 240; {@link PaperDefaults#hidden(String, LatentKind, int, int)})
 * @param classes         K: 2 for binary latents, else the K asked for
 * @param lambdaPosterior λ1 of the kind (and K, for corners)
 * @param lambdaPrior     λ2 of the kind (and K, for corners)
 * @param klWarmupSteps   none for binary latents and for completion (no KL term), else a warm-up
 */
public record ModelDefaults(Architecture architecture, int units, int hidden, int classes, double lambdaPosterior,
                            double lambdaPrior, int klWarmupSteps) {

    /** The defaults for {@code task} with latents of {@code kind} and {@code classes} classes (ignored for binary ones). */
    public static ModelDefaults of(String task, LatentKind kind, int classes) {
        int k = kind.classesApply() ? classes : 2;
        boolean noKl = Tasks.create(task).conditionalPrior(); // latents from the prior given the input: no KL term
        return new ModelDefaults(PaperDefaults.architecture(task), PaperDefaults.units(task),
                PaperDefaults.hidden(task, kind, k, PaperDefaults.units(task)), k,
                PaperDefaults.lambdaPosterior(kind, k), PaperDefaults.lambdaPrior(kind, k),
                noKl ? 0 : PaperDefaults.klWarmupSteps(kind));
    }
}
