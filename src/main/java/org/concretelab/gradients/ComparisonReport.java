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
                + "scale: s in mean ≈ s · reference (1 if unbiased; a deliberate step-size factor shows here);\n"
                + "bias² vs s·ref (an estimator that scales its gradient on purpose, NVIL): |mean − s · reference|²/d minus its\n"
                + "floor (variance/N + s²·SE², less the direction s took), its floor in brackets: ~0 if unbiased up to s;\n"
                + "≥ signal: the floor is at least the gradient's own |g|²/d (s²|g|²/d if scaled): its bias test passes whatever\n"
                + "the bias; raise N.\n"
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
     * whether each deliberately scaled estimator is unbiased up to its scale (its bias against s · reference); then a
     * warning naming every estimator whose noise floor is above the gradient's own size, and one for every reference
     * noisier than the gradient it estimates (bias figures then mean little).
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
            String share = ratio < 1 ? "1/" + Math.round(1 / ratio) + " of" : String.format(Locale.ROOT, "%.1f×", ratio);
            boolean scaled = deliberatelyScaled(unbiased);
            out.append(String.format(Locale.ROOT, "At λ1 = %s the %s gradient has %s the variance of %s%s, ", number(relaxed.lambdaPosterior()),
                    relaxed.estimator(), share, named(unbiased),
                    scaled ? String.format(Locale.ROOT, " (its deliberate scale %.2g taken out)", unbiased.scale()) : ""));
            out.append(relaxed.biasResolved()
                    ? String.format(Locale.ROOT, "but a bias² of %.2g where noise alone gives %.2g: the price of the relaxation.",
                            relaxed.biasSquared(), relaxed.noiseFloor())
                    : String.format(Locale.ROOT, "and its bias² (%.2g) does not stand out of the noise (%.2g) here: raise N or the "
                            + "reference to see it.", relaxed.biasSquared(), relaxed.noiseFloor()));
        }
        for (EstimatorResult e : r.estimators()) {
            if (e.rescaled() && Double.isFinite(e.scaledBiasSquared())) {
                // its scale is no bias: judged against s · reference; "unbiased" only where the test could have seen a bias
                sentence(out, e.effectiveBiasResolved()
                        ? String.format(Locale.ROOT, "%s's mean is not a multiple of the reference: a bias² of %.2g against %.2g × the "
                                + "reference, where noise alone gives %.2g.", e.estimator(), e.scaledBiasSquared(), e.scale(), e.scaledNoiseFloor())
                        : String.format(Locale.ROOT, "%s%s: bias² %.2g against %.2g × the reference, within the noise (%.2g).",
                                e.estimator(), e.floorAboveSignal() ? "" : String.format(Locale.ROOT,
                                        " is unbiased up to its deliberate scale %.2g", e.scale()),
                                e.scaledBiasSquared(), e.scale(), e.scaledNoiseFloor()));
            }
        }
        List<String> blind = r.estimators().stream().filter(EstimatorResult::floorAboveSignal).map(ComparisonReport::named).toList();
        if (!blind.isEmpty()) {
            sentence(out, String.format(Locale.ROOT, "Warning: %s: noise floor above |g|²/d, so %s bias test passes whatever the "
                    + "bias; raise N.", String.join(", ", blind), blind.size() == 1 ? "its" : "their"));
        }
        for (ReferenceGradient g : r.references()) {
            if (g.meanSquaredStandardError() >= g.meanSquare()) {
                sentence(out, String.format(Locale.ROOT, "Warning: the %s reference is noisier than the "
                        + "gradient it estimates (SE² %.2g ≥ |g|²/d %.2g): every estimator passes its bias test; raise the "
                        + "reference's draws.", g.objective(), g.meanSquaredStandardError(), g.meanSquare()));
            }
        }
        return out.toString();
    }

    /**
     * An unbiased estimator's variance with a deliberate scale s taken out (mean ≈ s · reference, as NVIL's division by
     * √v): variance / s²; another estimator's scale is noise in the estimate of s (or a bias), left alone.
     */
    private static double unscaled(EstimatorResult e) {
        return deliberatelyScaled(e) ? e.variance() / (e.scale() * e.scale()) : e.variance();
    }

    /** The estimator scales its gradient on purpose ({@code GradientEstimator.rescalesGradient()}) and s was measured. */
    private static boolean deliberatelyScaled(EstimatorResult e) {
        return e.rescaled() && e.scale() > 0 && Double.isFinite(e.scale());
    }

    /** The name with its m when it is compared on L_m ("vimco (m = 5)"). */
    private static String named(EstimatorResult e) {
        return e.samples() > 1 ? e.estimator() + " (m = " + e.samples() + ")" : e.estimator();
    }

    private static void sentence(StringBuilder out, String s) {
        out.append(out.length() > 0 ? " " : "").append(s);
    }

    private static void table(StringBuilder out, List<EstimatorResult> rows, boolean swept) {
        out.append(String.format(Locale.ROOT, "%-18s %-9s %7s %7s %10s %11s %10s %8s %7s %22s%n", "estimator", "objective", "λ1", "λ2",
                "variance", "bias²", "± floor", "cosine", "scale", "bias² vs s·ref (floor)"));
        for (EstimatorResult e : rows) {
            String l1 = e.relaxed() || swept ? number(e.lambdaPosterior()) : "–"; // REBAR, RELAX swept: their own λ
            String l2 = e.relaxed() || swept ? number(e.lambdaPrior()) : "–";
            String scaled = e.rescaled() ? String.format(Locale.ROOT, "%.4g (%.3g)", e.scaledBiasSquared(), e.scaledNoiseFloor()) : "–";
            out.append(String.format(Locale.ROOT, "%-18s %-9s %7s %7s %10.4g %11.4g %10.3g %8.3f %7.3f %22s%s%n", e.estimator(),
                    e.objective(), l1, l2, e.variance(), e.biasSquared(), e.noiseFloor(), e.cosine(), e.scale(), scaled,
                    e.floorAboveSignal() ? "  ≥ signal" : ""));
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
