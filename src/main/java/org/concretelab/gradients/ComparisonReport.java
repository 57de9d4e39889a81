package org.concretelab.gradients;

import java.util.List;
import java.util.Locale;

/** A comparison as plain-text tables (the gradients command prints it; the app can copy it). */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /** The header, the references, the estimator table, its footnotes and, if swept, the λ sweep. */
    public static String text(ComparisonResult r) {
        StringBuilder out = new StringBuilder();
        int d = r.images() * r.width();
        long n = r.estimators().isEmpty() ? 0 : r.estimators().get(0).draws();
        out.append(String.format(Locale.ROOT, "%s: gradients at the encoder's %d output logits of %d test image%s (%,d coordinates),"
                + " N = %d estimates per estimator%n", r.model(), r.width(), r.images(), r.images() == 1 ? "" : "s", d, n));
        for (ReferenceGradient g : r.references()) {
            out.append(String.format(Locale.ROOT, "reference %-5s score function (leave-one-out baseline), %,d discrete draws per"
                    + " image: |g|²/d %.4g, SE² %.3g%n", g.objective() + ":", g.draws(), g.meanSquare(), g.meanSquaredStandardError()));
        }
        out.append('\n');
        table(out, r.estimators(), false);
        out.append("variance: trace of the estimates' covariance / d; bias²: |mean − reference|²/d minus the noise floor\n"
                + "(variance/N + the reference's SE², what noise alone adds; an unbiased estimator scatters around 0);\n"
                + "cosine: of the estimates' mean with the reference (noise in either pulls it towards 0);\n"
                + "scale: s in mean ≈ s · reference (1 if unbiased; a deliberate step-size factor shows here).\n"
                + "Relaxed estimators differentiate the relaxed bound at λ1, λ2: biased for the discrete one.\n");
        for (EstimatorResult e : r.estimators()) {
            if (!e.note().isEmpty()) {
                out.append(e.estimator()).append(": ").append(e.note()).append('\n');
            }
        }
        String verdict = verdict(r);
        if (!verdict.isEmpty()) {
            out.append(verdict).append('\n');
        }
        if (!r.sweep().isEmpty()) {
            EstimatorResult first = r.sweep().get(0);
            out.append(String.format(Locale.ROOT, "%nλ sweep (λ2 = %s·λ1, the model's ratio):%n", number(first.lambdaPrior() / first.lambdaPosterior())));
            table(out, r.sweep(), true);
        }
        out.append(String.format(Locale.ROOT, "(%.1f s)%n", r.seconds()));
        return out.toString();
    }

    /**
     * The comparison in words, for a student: the quietest relaxed estimator's variance against the quietest unbiased
     * one's (its deliberate scale taken out, as NVIL's) and the bias it pays for it, against what noise alone gives;
     * then a warning for every reference noisier than the gradient it estimates (its bias figures then mean little).
     */
    public static String verdict(ComparisonResult r) {
        EstimatorResult relaxed = null;
        EstimatorResult unbiased = null;
        for (EstimatorResult e : r.estimators()) {
            if (!(e.variance() > 0) || !Double.isFinite(e.variance())) {
                continue;
            }
            if (e.relaxed()) {
                relaxed = relaxed == null || e.variance() < relaxed.variance() ? e : relaxed;
            } else if (e.scale() > 0 && Double.isFinite(e.scale())) {
                unbiased = unbiased == null || unscaled(e) < unscaled(unbiased) ? e : unbiased;
            }
        }
        StringBuilder out = new StringBuilder();
        if (relaxed != null && unbiased != null) {
            double ratio = relaxed.variance() / unscaled(unbiased);
            String share = ratio < 1 ? "1/" + Math.round(1 / ratio) : String.format(Locale.ROOT, "%.1f×", ratio);
            boolean scaled = deliberatelyScaled(unbiased);
            out.append(String.format(Locale.ROOT, "At λ1 = %s the %s gradient has %s of the variance of %s%s, ", number(relaxed.lambdaPosterior()),
                    relaxed.estimator(), share, unbiased.samples() > 1 ? unbiased.estimator() + " (m = " + unbiased.samples() + ")" : unbiased.estimator(),
                    scaled ? String.format(Locale.ROOT, " (its deliberate scale %.2g taken out)", unbiased.scale()) : ""));
            out.append(relaxed.biasResolved()
                    ? String.format(Locale.ROOT, "but a bias² of %.2g where noise alone gives %.2g: the price of the relaxation.",
                            relaxed.biasSquared(), relaxed.noiseFloor())
                    : String.format(Locale.ROOT, "and its bias² (%.2g) does not stand out of the noise (%.2g) here: raise N or the "
                            + "reference to see it.", relaxed.biasSquared(), relaxed.noiseFloor()));
        }
        for (ReferenceGradient g : r.references()) {
            if (g.meanSquaredStandardError() >= g.meanSquare()) {
                out.append(out.length() > 0 ? " " : "").append(String.format(Locale.ROOT, "Warning: the %s reference is noisier than the "
                        + "gradient it estimates (SE² %.2g ≥ |g|²/d %.2g): every estimator passes its bias test; raise the "
                        + "reference's draws.", g.objective(), g.meanSquaredStandardError(), g.meanSquare()));
            }
        }
        return out.toString();
    }

    /**
     * An unbiased estimator's variance with a deliberate scale s taken out (mean ≈ s · reference, far from 1 as NVIL's
     * division by √v): variance / s²; a scale near 1 is noise in the estimate of s, left alone.
     */
    private static double unscaled(EstimatorResult e) {
        return deliberatelyScaled(e) ? e.variance() / (e.scale() * e.scale()) : e.variance();
    }

    private static boolean deliberatelyScaled(EstimatorResult e) {
        return Math.abs(e.scale() - 1) > 0.5;
    }

    private static void table(StringBuilder out, List<EstimatorResult> rows, boolean swept) {
        out.append(String.format(Locale.ROOT, "%-18s %-9s %7s %7s %10s %11s %10s %8s %7s%n", "estimator", "objective", "λ1", "λ2",
                "variance", "bias²", "± floor", "cosine", "scale"));
        for (EstimatorResult e : rows) {
            String l1 = e.relaxed() || swept ? number(e.lambdaPosterior()) : "–"; // REBAR, RELAX swept: their own λ
            String l2 = e.relaxed() || swept ? number(e.lambdaPrior()) : "–";
            out.append(String.format(Locale.ROOT, "%-18s %-9s %7s %7s %10.4g %11.4g %10.3g %8.3f %7.3f%n", e.estimator(),
                    e.objective(), l1, l2, e.variance(), e.biasSquared(), e.noiseFloor(), e.cosine(), e.scale()));
        }
    }

    /** Three significant digits without trailing zeros: 10, 0.667, 0.05. */
    public static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
