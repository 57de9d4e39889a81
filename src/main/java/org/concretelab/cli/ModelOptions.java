package org.concretelab.cli;

import org.concretelab.model.Centring;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.estimator.StraightThrough;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.LatentChoice;
import org.concretelab.train.ModelDefaults;
import org.concretelab.train.Protocol;
import picocli.CommandLine.Option;

/** The model options shared by {@code train} and {@code bench}; defaults are the paper's binary model. */
public final class ModelOptions {
    @Option(names = "--task", description = "density (model whole digits, the default) or completion (predict a digit's"
            + " bottom half, rows 14-27, from its top half, rows 0-13: the paper's structured output prediction; latents"
            + " drawn from the prior given the top half, no encoder)")
    String task = DensityEstimation.NAME;

    @Option(names = "--arch", description = "density: 200H-784V, 200H-200H-784V, 200H~784V (default) or 200H~200H~784V;"
            + " completion: 392V-240H-392V, 392V-240H-240H-392V, 392V~240H~392V or 392V~240H~240H~392V (default; the"
            + " paper's two). H is --units wide")
    String architecture;

    @Option(names = "--latent", description = "binary, categorical or corners (default: ${DEFAULT-VALUE}). binary: one number"
            + " per unit; categorical: K classes per unit, fed on as a one-hot code of K slots (Jang et al.); corners: K"
            + " classes per unit, fed on as the paper's n-ary code, log2 K values in {-1, 1} per unit (K a power of two;"
            + " the paper's 240H is --units 120 -K 4 or --units 80 -K 8)")
    String latent = "binary";

    @Option(names = "--units", description = "discrete units per stochastic layer (default: " + PaperDefaults.UNITS
            + "; completion: " + PaperDefaults.COMPLETION_UNITS + ", the paper's 240H)")
    Integer units;

    /** Null when not given: a binary model must not silently ignore it. */
    @Option(names = {"--classes", "-K"}, description = "classes per unit of categorical or corners latents (default: 4;"
            + " corners: 2, 4, 8, ...)")
    Integer classes;

    @Option(names = "--gaussian", description = "extra Gaussian units per layer, e.g. 100 for the mixed model (default: ${DEFAULT-VALUE})")
    int gaussian = 0;

    @Option(names = "--hidden", description = "width of each tanh layer (default: as wide as the stochastic layer, as the"
            + " paper's \"~\": --units for binary latents, --units × log2 K for corners (240H~784V is 240 wide with 240"
            + " binary, 120 4-ary or 80 8-ary units); categorical: " + PaperDefaults.HIDDEN + ", completion "
            + PaperDefaults.COMPLETION_UNITS + ")")
    Integer hidden;

    @Option(names = "--lambda1", description = "posterior temperature λ1 (default: 2/3 binary, 1 categorical;"
            + " corners: 2/3 for K = 2, 1 for K = 4, 2/3 for K = 8, else 1); completion: the temperature of the relaxed"
            + " samples from the prior given the top half (the only one it uses)")
    Double lambda1;

    @Option(names = "--lambda2", description = "prior temperature λ2 (default: 1/2 binary, 2/3 categorical;"
            + " corners: 1/2 for K = 2, 2/3 for K = 4, 2/5 for K = 8, else 2/3)")
    Double lambda2;

    @Option(names = {"-m", "--samples"}, description = "samples m of the multi-sample objective (default: ${DEFAULT-VALUE})")
    int samples = PaperDefaults.SAMPLES;

    /** Null when not given: the protocol's rate. */
    @Option(names = "--lr", description = "Adam learning rate (default: the protocol's: project 1e-3; paper 1e-4 for"
            + " non-linear density models, 3e-4 for linear ones and completion)")
    Double learningRate;

    @Option(names = "--protocol", description = "project (default: Adam 1e-3, batch 100, no EMA centring) or paper (the"
            + " paper's appendix D: Adam 1e-4 non-linear / 3e-4 linear and completion, batch 64, EMA centring for density);"
            + " options given explicitly win")
    String protocol = Protocol.PROJECT.label();

    /** Null when not given: the protocol's choice. */
    @Option(names = "--ema-centring", negatable = true, arity = "0..1", fallbackValue = "true", description = "centre each inference network's input (the image,"
            + " or the stochastic layer below) by a moving average (decay 0.9) of its mean, updated in training steps only,"
            + " no gradient through it; the decoder and the priors read theirs as they are (the paper's appendix D.4; default: on with --protocol paper, else off; a sweep file's ema-centring:"
            + " true/false). Density only: a completion model has no inference network and trains without it (train says so)")
    Boolean emaCentring;

    @Option(names = "--estimator", description = "gradient estimator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = EstimatorNames.class)
    String estimator = PaperDefaults.ESTIMATOR;

    @Option(names = "--straight-through", description = "the same as --estimator straight-through: feed hard samples forward, relaxed gradients backward")
    boolean straightThrough;

    /** The registered estimators, for the help text. */
    static final class EstimatorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Estimators.names().iterator();
        }
    }

    /** The validated spec; a bad value is an IllegalArgumentException naming it. */
    public ModelSpec spec() {
        if (!Tasks.names().contains(task)) {
            throw new IllegalArgumentException("--task must be one of " + String.join(", ", Tasks.names()) + ", was '" + task + "'");
        }
        LatentChoice choice = LatentChoice.named(latent);
        LatentKind kind = choice.kind();
        if (!choice.classesApply() && classes != null) {
            java.util.List<String> withK = LatentChoice.ALL.stream().filter(LatentChoice::classesApply).map(LatentChoice::name).toList();
            throw new IllegalArgumentException("-K/--classes applies to " + String.join(" and ", withK) + " latents only; drop it,"
                    + " or add --latent " + String.join(" or --latent ", withK));
        }
        ModelDefaults d = ModelDefaults.of(task, kind, classes != null ? classes : PaperDefaults.CLASSES);
        Architecture arch = architecture == null ? d.architecture() : Architecture.parse(architecture, Tasks.create(task));
        int k = d.classes();
        double l1 = lambda1 != null ? lambda1 : d.lambdaPosterior();
        double l2 = lambda2 != null ? lambda2 : d.lambdaPrior();
        if (straightThrough && !estimator.equals(PaperDefaults.ESTIMATOR) && !estimator.equals(StraightThrough.NAME)) {
            throw new IllegalArgumentException("--straight-through contradicts --estimator " + estimator + "; give one of them");
        }
        String chosen = straightThrough ? StraightThrough.NAME : estimator;
        int u = units != null ? units : d.units();
        int h = hidden != null ? hidden : PaperDefaults.hidden(task, kind, k, u);
        Protocol p = protocol();
        double rate = learningRate != null ? learningRate : p.learningRate(arch, task);
        // where it applies: a grid of both tasks (a sweep) may ask for it; completion has no inference network to centre
        boolean centring = (emaCentring != null ? emaCentring : p.centring(task)) && !Tasks.create(task).conditionalPrior();
        return new ModelSpec(arch, kind, u, k, gaussian, h, l1, l2, samples, rate, chosen, task,
                centring ? Centring.INFERENCE : Centring.OFF);
    }

    /** The protocol asked for; a bad name is an IllegalArgumentException naming --protocol. */
    public Protocol protocol() {
        return Protocol.named(protocol);
    }

    /** Whether --ema-centring was asked for a task it does not apply to (completion): trained without it, said so. */
    public boolean centringNotApplied() {
        return Boolean.TRUE.equals(emaCentring) && Tasks.names().contains(task) && Tasks.create(task).conditionalPrior();
    }

    /** The learning rate given with --lr, or null. */
    Double givenLearningRate() {
        return learningRate;
    }
}
