package org.concretelab.ui.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV logs a run writes ({@code training.csv}, {@code epochs.csv}), read back for plotting; the step log
 * is thinned to at most {@code maxPoints} rows by keeping every k-th.
 */
record RunLogs(double[] steps, double[] elbo, double[] runningMean, List<double[]> epochs) {

    /** The logs in {@code dir}, or null when it has none or they cannot be parsed. */
    static RunLogs read(Path dir, int maxPoints) {
        Path training = dir.resolve("training.csv");
        Path epochFile = dir.resolve("epochs.csv");
        if (!Files.isRegularFile(training) || !Files.isRegularFile(epochFile)) {
            return null;
        }
        try {
            long lines;
            try (var s = Files.lines(training)) {
                lines = s.count() - 1;
            }
            int every = (int) Math.max(1, (lines + maxPoints - 1) / maxPoints);
            List<double[]> rows = new ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(training, StandardCharsets.UTF_8)) {
                r.readLine();
                long i = 0;
                String last = null;
                for (String line; (line = r.readLine()) != null; i++) {
                    if (i % every == 0) {
                        rows.add(row(line));
                        last = null;
                    } else {
                        last = line;
                    }
                }
                if (last != null) {
                    rows.add(row(last)); // the curve ends where the run ended
                }
            }
            double[] steps = new double[rows.size()];
            double[] elbo = new double[rows.size()];
            double[] mean = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                steps[i] = rows.get(i)[0];
                elbo[i] = rows.get(i)[1];
                mean[i] = rows.get(i)[2];
            }
            List<double[]> epochs = new ArrayList<>();
            List<String> epochLines = Files.readAllLines(epochFile, StandardCharsets.UTF_8);
            for (String line : epochLines.subList(1, epochLines.size())) {
                String[] f = line.split(",");
                double[] v = new double[5];
                for (int k = 0; k < 5; k++) {
                    v[k] = Double.parseDouble(f[k]);
                }
                epochs.add(v);
            }
            return new RunLogs(steps, elbo, mean, epochs);
        } catch (IOException | RuntimeException e) {
            return null; // logs are a bonus: a checkpoint without readable logs still loads
        }
    }

    /** step, relaxed ELBO, running mean of one training.csv line. */
    private static double[] row(String line) {
        String[] f = line.split(",");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
    }
}
