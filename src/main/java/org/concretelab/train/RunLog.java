package org.concretelab.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The CSV logs of a run in its output folder, appended to across resumes:
 * {@code training.csv} (step,epoch,relaxed_elbo,running_mean,examples_per_s) and
 * {@code epochs.csv} (epoch,step,val_relaxed_elbo,val_discrete_elbo,val_nll,val_k,val_images,seconds).
 * Epochs are 0-based as in {@link TrainingEvent}.
 */
final class RunLog implements AutoCloseable {
    static final String TRAINING = "training.csv";
    static final String EPOCHS = "epochs.csv";
    static final String TRAINING_HEADER = "step,epoch,relaxed_elbo,running_mean,examples_per_s";
    static final String EPOCHS_HEADER = "epoch,step,val_relaxed_elbo,val_discrete_elbo,val_nll,val_k,val_images,seconds";

    private final Path trainingFile;
    private final BufferedWriter training;
    private final BufferedWriter epochs;

    RunLog(Path dir) {
        try {
            Files.createDirectories(dir);
            trainingFile = dir.resolve(TRAINING);
            training = open(trainingFile, TRAINING_HEADER);
            epochs = open(dir.resolve(EPOCHS), EPOCHS_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the CSV logs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static BufferedWriter open(Path file, String header) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(header);
            w.newLine();
        }
        return w;
    }

    void step(long step, int epoch, double relaxedElbo, double runningMean, double examplesPerSecond) {
        write(training, String.format(Locale.ROOT, "%d,%d,%.5f,%.5f,%.1f", step, epoch, relaxedElbo, runningMean,
                examplesPerSecond));
    }

    void epoch(int epoch, long step, Scores s, double seconds) {
        write(epochs, String.format(Locale.ROOT, "%d,%d,%.5f,%.5f,%.5f,%d,%d,%.2f", epoch, step, s.relaxedElbo(),
                s.discreteElbo(), s.nll(), s.k(), s.images(), seconds));
        flush();
    }

    void flush() {
        try {
            training.flush();
            epochs.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + trainingFile.getParent() + "/*.csv: " + e.getMessage(), e);
        }
    }

    private void write(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the CSV log in " + trainingFile.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            training.close();
        } catch (IOException ignored) {
            // closing after a failed write: nothing more to save
        }
        try {
            epochs.close();
        } catch (IOException ignored) {
            // as above
        }
    }
}
