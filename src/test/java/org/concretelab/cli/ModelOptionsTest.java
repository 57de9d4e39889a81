package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.concretelab.model.Centring;
import org.concretelab.model.InvalidSettingException;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The model options as train and bench parse them: the latent kinds, K and the temperatures that follow them. */
class ModelOptionsTest {

    private static ModelSpec spec(String... args) {
        ModelOptions o = new ModelOptions();
        new CommandLine(o).parseArgs(args);
        return o.spec();
    }

    @Test
    void cornersAreThePapersNaryCodeNamedByTheirCodeValues() {
        ModelSpec s = spec("--latent", "corners", "-K", "4", "--units", "120");
        assertEquals(LatentKind.CORNERS, s.latentKind());
        assertEquals(120, s.discreteUnits());
        assertEquals(4, s.classes());
        assertEquals(240, s.latentLayout().codeLength());
        assertTrue(s.describe().startsWith("240H~784V 4-ary corners (120 units)"), s.describe());
        assertEquals(1.0, s.lambdaPosterior(), 1e-12);
        assertEquals(2.0 / 3, s.lambdaPrior(), 1e-12);
        ModelSpec eight = spec("--latent", "CORNERS", "--classes", "8", "--units", "80");
        assertTrue(eight.describe().startsWith("240H~784V 8-ary corners (80 units)"), eight.describe());
        assertEquals(2.0 / 3, eight.lambdaPosterior(), 1e-12);
        assertEquals(0.4, eight.lambdaPrior(), 1e-12);
        assertEquals(4, spec("--latent", "corners").classes(), "K defaults to 4 for corners too");
        assertEquals(0.25, spec("--latent", "corners", "-K", "8", "--lambda2", "0.25").lambdaPrior(), 1e-12);
    }

    @Test
    void binaryAndCategoricalKeepTheirDefaults() {
        ModelSpec b = spec();
        assertEquals(ModelSpec.defaults(), b);
        ModelSpec c = spec("--latent", "categorical", "-K", "8");
        assertEquals(1.0, c.lambdaPosterior(), 1e-12);
        assertEquals(2.0 / 3, c.lambdaPrior(), 1e-12);
        assertEquals("200H~784V 8-way one-hot m=1", c.describe());
    }

    @Test
    void theCompletionTaskDefaultsToThePapersNonLinearStructuredPredictionModel() {
        ModelSpec s = spec("--task", "completion");
        assertEquals("392V~240H~240H~392V binary m=1 (completion)", s.describe());
        assertEquals(240, s.hiddenUnits());
        assertEquals(2.0 / 3, s.lambdaPosterior(), 1e-12);
        assertEquals("392V-240H-240H-392V binary m=5 vimco (completion)",
                spec("--task", "completion", "--arch", "392V-240H-240H-392V", "--estimator", "vimco", "-m", "5").describe());
        assertEquals("392V~100H~100H~392V binary m=1 (completion)", spec("--task", "completion", "--units", "100").describe(),
                "H is --units wide, as 200H~784V is for density");
    }

    @Test
    void aCornerKThatIsNoPowerOfTwoNamesTheClassesField() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> spec("-K", "6", "--latent", "corners"));
        assertEquals("classes", e.field());
        assertTrue(OptionNames.withOption(e).startsWith("--classes: classes must be a power of two"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(2, 4, 8, …), was 6"), e.getMessage());
        IllegalArgumentException binary = assertThrows(IllegalArgumentException.class, () -> spec("--latent", "binary", "-K", "4"));
        assertTrue(binary.getMessage().contains("--latent categorical or --latent corners"), binary.getMessage());
    }

    @Test
    void aTildeNetworkIsAsWideAsItsStochasticLayerInCodeValues() {
        assertEquals(240, spec("--units", "240").hiddenUnits(), "240H~784V binary: 240-wide tanh layers");
        assertEquals(240, spec("--latent", "corners", "-K", "4", "--units", "120").hiddenUnits(), "120 4-ary units = 240H");
        assertEquals(240, spec("--latent", "corners", "-K", "8", "--units", "80").hiddenUnits(), "80 8-ary units = 240H");
        assertEquals(200, spec().hiddenUnits(), "200H~784V stays 200 wide");
        assertEquals(200, spec("--latent", "categorical", "-K", "8").hiddenUnits(), "one-hot (not the paper's): 200");
        assertEquals(200, spec("--units", "240", "--hidden", "200").hiddenUnits(), "--hidden still wins");
    }

    @Test
    void thePapersProtocolSetsItsRatesAndCentringAndExplicitOptionsWin() {
        assertEquals(1e-3, spec().learningRate(), 0, "the project's protocol by default");
        assertEquals(Centring.OFF, spec().centring());
        ModelSpec nonlinear = spec("--protocol", "paper");
        assertEquals(1e-4, nonlinear.learningRate(), 0);
        assertEquals(Centring.INFERENCE, nonlinear.centring(), "the paper centred its inference networks (appendix D.4)");
        assertEquals(3e-4, spec("--protocol", "paper", "--arch", "200H-200H-784V").learningRate(), 0, "linear: 3e-4");
        assertEquals(3e-4, spec("--protocol", "paper", "--task", "completion").learningRate(), 0, "structured prediction: 3e-4");
        assertEquals(Centring.OFF, spec("--protocol", "paper", "--task", "completion").centring(), "no inference network to centre");
        assertEquals(1e-3, spec("--protocol", "paper", "--lr", "1e-3").learningRate(), 0, "--lr wins");
        assertEquals(Centring.OFF, spec("--protocol", "paper", "--no-ema-centring").centring());
        assertEquals(Centring.INFERENCE, spec("--ema-centring").centring());
        assertEquals(Centring.INFERENCE, spec("--ema-centring", "true").centring(), "a sweep's ema-centring: true");
        assertEquals(Centring.OFF, spec("--protocol", "paper", "--ema-centring", "false").centring());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec("--protocol", "papers"));
        assertTrue(e.getMessage().contains("--protocol must be one of project, paper"), e.getMessage());
        // a grid of both tasks may ask for it: completion (no inference network) trains without it, and train says so
        assertEquals(Centring.OFF, spec("--task", "completion", "--ema-centring").centring());
        ModelOptions asked = new ModelOptions();
        new CommandLine(asked).parseArgs("--task", "completion", "--ema-centring", "true");
        assertTrue(asked.centringNotApplied());
        ModelOptions density = new ModelOptions();
        new CommandLine(density).parseArgs("--ema-centring");
        assertFalse(density.centringNotApplied());
        InvalidSettingException c = assertThrows(InvalidSettingException.class, () -> new ModelSpec(
                org.concretelab.model.Architecture.LINEAR_TWO, LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 1, 1e-3,
                "concrete", "completion", Centring.INFERENCE));
        assertEquals("--ema-centring: " + c.getMessage(), OptionNames.withOption(c), "the model itself still refuses it");
    }
}
