package org.concretelab.ui.latents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.AppContext;

/**
 * The shipped models the Latents tab offers, read and restored off the FX thread: the compact one first (its default:
 * with few bits, one flip visibly moves a digit) and the 200-bit one (also the Gradients tab's shipped model), each named
 * with its measured test NLL — a figure that holds only for the file it was measured on (the step says which).
 */
public final class ShippedLatentsModels {
    /** The compact model's file, beside {@link AppContext#SHIPPED_MODEL}. */
    public static final String COMPACT_MODEL = "compact.ckpt";
    /** How the NLLs below were measured: {@code eval <file> -k 1000 --threads 1} on all 10,000 test digits. */
    public static final int NLL_K = 1000;
    public static final int NLL_IMAGES = 10_000;

    /** A file's measurements: test NLL (nats) and, on the first 100 test digits, the top flip's median pixels crossing 0.5. */
    record Measured(String file, long step, double nll, double flipPixels) {
    }

    static final Measured COMPACT = new Measured(COMPACT_MODEL, 50_000, 100.86, 35);
    static final Measured FULL = new Measured(AppContext.SHIPPED_MODEL, 450_000, 94.97, 14);

    private final List<LatentsModelChoice.Entry> entries;
    private final VaeModel full;
    private final TrainingCheckpoint fullCheckpoint;

    private ShippedLatentsModels(List<LatentsModelChoice.Entry> entries, VaeModel full, TrainingCheckpoint fullCheckpoint) {
        this.entries = entries;
        this.full = full;
        this.fullCheckpoint = fullCheckpoint;
    }

    /** Reads what this build ships (either may be missing); call it off the FX thread. */
    public static ShippedLatentsModels load(AppContext context) {
        List<LatentsModelChoice.Entry> entries = new ArrayList<>();
        context.shippedModel(COMPACT_MODEL).ifPresent(cp -> entries.add(entry(cp, VaeModels.restore(cp.model()), COMPACT, true)));
        TrainingCheckpoint cp = context.shippedModel().orElse(null);
        VaeModel m = cp == null ? null : VaeModels.restore(cp.model());
        if (m != null) {
            entries.add(entry(cp, m, FULL, false));
        }
        return new ShippedLatentsModels(List.copyOf(entries), m, cp);
    }

    static LatentsModelChoice.Entry entry(TrainingCheckpoint cp, VaeModel m, Measured known, boolean compact) {
        boolean measured = cp.step() == known.step() && !Double.isNaN(known.nll());
        String size = size(m.latentLayout());
        String nll = measured ? String.format(Locale.ROOT, "NLL %.2f", known.nll()) : "NLL not measured";
        String name = (compact ? "compact " : "shipped ") + size + " (" + nll + ")"; // the box's width: no room for "model"
        String decodedName = m.spec().describe() + " (shipped model: " + (compact ? "compact, " : "") + cp.epoch() + " epochs"
                + (measured ? String.format(Locale.ROOT, ", test NLL %.2f", known.nll()) : "") + ")";
        String tooltip = (compact ? "The compact " : "The shipped ") + size + " model: " + m.spec().describe() + ", "
                + cp.epoch() + " epochs. "
                + (measured ? String.format(Locale.ROOT, "Test NLL %.2f nats: importance-sampled with k = %,d on all %,d "
                + "MNIST test digits. ", known.nll(), NLL_K, NLL_IMAGES) : "Its test NLL was not measured (eval it). ")
                + (Double.isNaN(known.flipPixels()) ? "" : String.format(Locale.ROOT, "Its most visible single flip moves a "
                + "digit by a median %.0f pixels across 0.5 (first 100 test digits). ", known.flipPixels()))
                + (compact ? "Few bits: each one matters, so single flips show." : "Many bits: each one moves a digit little.");
        return new LatentsModelChoice.Entry(name, tooltip, m, decodedName);
    }

    /** "30-bit", "10×10-way": how many discrete units of how many classes. */
    public static String size(LatentLayout l) {
        return l.kind() == LatentKind.BINARY ? l.discreteUnits() + "-bit"
                : l.discreteUnits() + "×" + l.classes() + "-way";
    }

    List<LatentsModelChoice.Entry> entries() {
        return entries;
    }

    /** The 200-bit model (null when this build has none): the Gradients tab's shipped model. */
    public VaeModel full() {
        return full;
    }

    public TrainingCheckpoint fullCheckpoint() {
        return fullCheckpoint;
    }

    /** The Latents tab's default: the first entry's model (null with none). */
    public VaeModel latentsDefault() {
        return entries.isEmpty() ? null : entries.get(0).model();
    }
}
