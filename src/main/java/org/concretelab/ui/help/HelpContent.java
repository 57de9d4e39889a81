package org.concretelab.ui.help;

import java.util.List;

/**
 * What the Help window says, without JavaFX (the window is its view): the formulas as LaTeX, the
 * parameters' meanings, the links, and the keyboard shortcuts the main window installs.
 */
public final class HelpContent {
    public record Formula(String id, String caption, String latex) {
    }

    public record Term(String name, String meaning) {
    }

    public record Link(String label, String url) {
    }

    public record Shortcut(String keys, String action) {
    }

    public static final String PAPER_URL = "https://arxiv.org/abs/1611.00712";
    public static final String GUMBEL_SOFTMAX_URL = "https://arxiv.org/abs/1611.01144";

    private final List<Shortcut> shortcuts;
    private final String version;

    /** @param version the build's version, or null when run from classes (not from the jar) */
    public HelpContent(List<Shortcut> shortcuts, String version) {
        this.shortcuts = List.copyOf(shortcuts);
        this.version = version == null ? "development build" : version;
    }

    public String version() {
        return version;
    }

    public List<Shortcut> shortcuts() {
        return shortcuts;
    }

    public String introduction() {
        return "A Concrete random variable is a continuous relaxation of a discrete (one-hot) one: a point in the "
                + "interior of the probability simplex that moves to its corners as the temperature λ goes to 0, where "
                + "it becomes the discrete variable whose class probabilities are the weights α normalised to sum to 1. Unlike a discrete variable it "
                + "is a smooth function of its parameters and fixed noise, so gradients flow through samples "
                + "(the reparameterisation trick). Jang et al. introduced the same distribution as Gumbel-Softmax.";
    }

    /** The formulas of Maddison, Mnih & Teh (2017), in the paper's notation. */
    public List<Formula> formulas() {
        return List.of(
                new Formula("sample", "A sample: the softmax of Gumbel-perturbed log-weights at temperature λ (n classes, weights α > 0).",
                        "X_k = \\frac{\\exp\\left((\\log\\alpha_k + G_k)/\\lambda\\right)}"
                                + "{\\sum_{i=1}^{n}\\exp\\left((\\log\\alpha_i + G_i)/\\lambda\\right)},\\qquad "
                                + "G_k = -\\log(-\\log U_k),\\quad U_k \\sim \\mathrm{Uniform}(0,1)"),
                new Formula("density", "Its density on the simplex: closed form, which the relaxed bound below needs.",
                        "p_{\\alpha,\\lambda}(x) = (n-1)!\\,\\lambda^{n-1}\\,"
                                + "\\frac{\\prod_{k=1}^{n}\\alpha_k\\, x_k^{-\\lambda-1}}"
                                + "{\\left(\\sum_{i=1}^{n}\\alpha_i\\, x_i^{-\\lambda}\\right)^{n}}"),
                new Formula("binary", "Binary Concrete (n = 2, one number in (0, 1)): the logistic of log α plus logistic noise.",
                        "X = \\sigma\\left(\\frac{\\log\\alpha + \\log U - \\log(1-U)}{\\lambda}\\right),\\qquad "
                                + "U \\sim \\mathrm{Uniform}(0,1)"),
                new Formula("relaxed-bound", "The relaxed objective the VAE trains: posterior at λ1, prior at λ2.",
                        "\\tilde{\\mathcal{L}} = \\mathbb{E}_{z \\sim q_{\\lambda_1}(z \\mid x)}\\left["
                                + "\\log p(x \\mid z) + \\log p_{\\lambda_2}(z) - \\log q_{\\lambda_1}(z \\mid x)\\right]"),
                new Formula("multi-sample", "The m-sample bound (m = 1: the ordinary ELBO; larger m: tighter).",
                        "\\mathcal{L}_m = \\mathbb{E}\\left[\\log\\frac{1}{m}\\sum_{j=1}^{m}"
                                + "\\frac{p(x, z_j)}{q(z_j \\mid x)}\\right],\\qquad z_j \\sim q(z \\mid x)"));
    }

    public List<Term> parameters() {
        return List.of(
                new Term("λ1 (posterior temperature)", "The temperature of the Concrete posterior q(z | x) that the encoder "
                        + "samples while training. Lower: samples nearer one-hot, closer to the discrete model, noisier "
                        + "gradients. The paper uses 2/3."),
                new Term("λ2 (prior temperature)", "The temperature of the relaxed prior p(z) whose density enters the "
                        + "relaxed bound. The paper uses 1/2, below λ1 (its density then prefers the corners)."),
                new Term("Latents: binary, categorical, corners", "How a discrete unit is fed to the next network. "
                        + "Binary: one number in (0, 1). Categorical: a unit of K classes as K slots, one-hot when hard "
                        + "(Jang et al.'s code). Corners: the paper's n-ary code, K classes (a power of two) as log2 K "
                        + "numbers Ỹ = C·X in [−1, 1], a corner of {−1, 1}^log2 K when hard; the paper's 240H is 240 binary, "
                        + "120 4-ary or 80 8-ary units. Its temperatures: λ1 = 2/3, λ2 = 1/2 (binary), 1 and 2/3 (4-ary), "
                        + "2/3 and 2/5 (8-ary)."),
                new Term("m (samples)", "How many posterior samples the multi-sample bound averages inside the log. "
                        + "Costs m times the compute per step."),
                new Term("λ on the Concrete tab", "The temperature of the plotted distribution: at λ ≤ 1/(n − 1) its density "
                        + "is log-convex and piles up at the corners."));
    }

    public List<Link> links() {
        return List.of(
                new Link("Maddison, Mnih & Teh, The Concrete Distribution (ICLR 2017)", PAPER_URL),
                new Link("Jang, Gu & Poole, Categorical Reparameterization with Gumbel-Softmax (ICLR 2017)", GUMBEL_SOFTMAX_URL));
    }

    public String whereToRead() {
        return "The paper: arXiv:1611.00712 (link below). This project's replication of its binary VAE, with the "
                + "commands to rerun it and the figures next to the paper's, is in README.md, section "
                + "\"The paper's VAE, trained here\"; the replication report it compares against is cited there.";
    }

    public String licence() {
        return "MIT licence (see LICENSE). Uses ND4J, JavaFX, ControlsFX, chart-fx and JLaTeXMath.";
    }
}
