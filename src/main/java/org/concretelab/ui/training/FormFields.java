package org.concretelab.ui.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.StringProperty;
import org.concretelab.model.InvalidSettingException;

/** The Training form's fields as text: their labels, how each parses, and messages in the form's words. */
final class FormFields {
    private static final String SEED = TrainingFormViewModel.SEED;

    /** The form's label of each setting, by the name the settings' records and messages use. */
    static final Map<String, String> LABELS = labels();

    private FormFields() {
    }

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", "Task");
        m.put("architecture", "Architecture");
        m.put("latentKind", "Latents");
        m.put("discreteUnits", "Units");
        m.put("classes", "Classes K");
        m.put("gaussianUnits", "Gaussian units");
        m.put("hiddenUnits", "Hidden units");
        m.put("lambdaPosterior", "λ1");
        m.put("lambdaPrior", "λ2");
        m.put("samples", "Samples m");
        m.put("estimator", "Estimator");
        m.put("protocol", "Protocol");
        m.put("centring", "EMA centring");
        m.put("learningRate", "Learning rate");
        m.put("batchSize", "Batch size");
        m.put("epochs", "Epochs");
        m.put(SEED, "Seed");
        m.put("trainLimit", "Train images");
        m.put("klWarmupSteps", "KL warm-up");
        return Map.copyOf(m);
    }

    static boolean parses(String field, String text) {
        String t = text.trim();
        try {
            switch (field) {
                case "lambdaPosterior", "lambdaPrior", "learningRate" -> Double.parseDouble(t);
                case SEED -> Long.parseLong(t);
                case "trainLimit" -> {
                    if (!t.isEmpty()) {
                        Integer.parseInt(t);
                    }
                }
                default -> Integer.parseInt(t);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The message with its leading component name in the form's words: "lambdaPosterior must …" → "λ1 must …". */
    static String friendly(String field, String m) {
        if (m == null) {
            return "invalid value";
        }
        String label = LABELS.get(field);
        return label != null && m.startsWith(field) ? label + m.substring(field.length()) : m;
    }

    static int integer(StringProperty p, String field) {
        try {
            return Integer.parseInt(p.get().trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(field, field + " must be a whole number, was '" + p.get() + "'");
        }
    }

    static double real(StringProperty p, String field) {
        try {
            return Double.parseDouble(p.get().trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(field, field + " must be a number, was '" + p.get() + "'");
        }
    }

    /** Up to 6 significant digits, without trailing zeros: 0.666667, 0.5, 1e-03 → 0.001. */
    static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e");
    }
}
