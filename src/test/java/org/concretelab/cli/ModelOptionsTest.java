package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
