package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.concretelab.model.estimator.Estimators;
import org.junit.jupiter.api.Test;

/** {@code gradients} on the shipped model with a small N: the table of every estimator, and bad options named. */
class GradientsCommandTest {
    private static final String SHIPPED = "assets/models/default.ckpt";

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CliRun.run(out, args);
        assertEquals(expectedCode, code, out.toString());
        return out.toString();
    }

    @Test
    void printsARowPerEstimatorAndTheSweep() {
        String out = run(0, "gradients", SHIPPED, "-n", "4", "--images", "2", "--reference", "200", "--sweep");
        assertTrue(out.contains("200H~784V binary m=1: gradients at the encoder's 200 output logits of 2 test images (400 coordinates)"), out);
        assertTrue(out.contains("reference ELBO:") && out.contains("reference L_5:"), out);
        String table = out.substring(out.indexOf("estimator "), out.indexOf("λ sweep"));
        for (String name : Estimators.names()) {
            Matcher row = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(ELBO|L_5)\\s+(\\S+)\\s+(\\S+)\\s+([-0-9.e]+)\\s+([-0-9.e]+)\\s+([0-9.e-]+)\\s+(-?[0-9.]+)\\s+(-?[0-9.]+|NaN)"
                    + "\\s+(–|-?[0-9.e+-]+ \\([0-9.e+-]+\\))(  ≥ signal)?$").matcher(table);
            assertTrue(row.find(), name + " in\n" + table);
            // bias² vs s·ref (floor): NVIL's alone, the estimator that scales its gradient on purpose
            assertEquals(Estimators.create(name).rescalesGradient(), !row.group(9).equals("–"), name + " in\n" + table);
            assertTrue(Double.parseDouble(row.group(4)) > 0, "a positive variance for " + name);
            assertTrue(Math.abs(Double.parseDouble(row.group(7))) <= 1, "a cosine for " + name);
        }
        String sweep = out.substring(out.indexOf("λ sweep"));
        assertTrue(sweep.contains("λ2 = 0.75·λ1, the model's ratio"), sweep);
        for (String lambda : new String[] {"10", "0.667", "0.05"}) {
            // 10, …, 0.05 on a log scale (0.667 is not one of them: the model's λ1 is the table's row above)
            assertEquals(!lambda.equals("0.667"), Pattern.compile("(?m)^concrete\\s+ELBO\\s+" + Pattern.quote(lambda) + "\\s").matcher(sweep).find(),
                    lambda + " in\n" + sweep);
        }
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertTrue(run(2, "gradients", SHIPPED, "-n", "1").contains("-n/--draws must be at least 2"));
        assertTrue(run(2, "gradients", SHIPPED, "--images", "0").contains("--images must be at least 1"));
        assertTrue(run(2, "gradients", SHIPPED, "--images", "10001").contains("--images must be at most 10000"));
        assertTrue(run(2, "gradients", SHIPPED, "--reference", "5").contains("--reference must be at least 100"));
        assertTrue(run(2, "gradients", SHIPPED, "-m", "1").contains("-m/--samples must be at least 2"));
        assertTrue(run(1, "gradients", "no-such.ckpt").contains("no-such.ckpt"));
    }
}
