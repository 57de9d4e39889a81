package org.concretelab.train;

import java.nio.file.Path;
import java.util.Locale;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.LatentKind;

/** What to tell a user whose run failed: what is safe, where, and what to change before continuing. */
final class FailureAdvice {

    private FailureAdvice() {
    }

    /** After a numerical failure (NaN, divergence): the last good checkpoint and which setting to change. */
    static String numerical(ModelSpec s, Path lastGood) {
        StringBuilder a = new StringBuilder("nothing was saved from the failed step");
        if (lastGood != null) {
            a.append("; the last good checkpoint is ").append(lastGood);
        }
        if (s.lambdaPosterior() < 0.1 || s.lambdaPrior() < 0.1) {
            a.append(String.format(Locale.ROOT, ". The temperatures are very low (λ1 = %.3g, λ2 = %.3g): raise them "
                    + "(the paper uses %.3g and %.3g for binary latents)", s.lambdaPosterior(), s.lambdaPrior(),
                    PaperDefaults.lambdaPosterior(LatentKind.BINARY), PaperDefaults.lambdaPrior(LatentKind.BINARY)));
        }
        if (s.learningRate() > 3 * PaperDefaults.LEARNING_RATE) {
            a.append(String.format(Locale.ROOT, ". The learning rate %.3g is high: try %.0e or lower", s.learningRate(),
                    PaperDefaults.LEARNING_RATE));
        }
        if (a.indexOf(". ") < 0) {
            a.append(". Try a lower learning rate or higher temperatures, and resume from the checkpoint");
        }
        return a.toString();
    }

    /** After a failed write: what is safe and how to continue once the cause is fixed. */
    static String write(Throwable e, Path lastGood, long lastGoodStep) {
        String fix = IoProblems.reason(e).startsWith("no space") ? "free some space" : "make the folder writable";
        if (lastGood == null) {
            return "no checkpoint of this run was written; " + fix + " and start again";
        }
        return String.format(Locale.ROOT, "the last good checkpoint is %s (step %,d) and the logs up to it are kept; %s "
                + "and continue with: train --resume %s", lastGood, lastGoodStep, fix, lastGood);
    }
}
