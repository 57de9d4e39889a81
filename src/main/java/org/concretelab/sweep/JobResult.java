package org.concretelab.sweep;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.concretelab.train.AtomicFiles;

/**
 * What a job ended with, kept as {@value #FILE} in its run folder (written atomically, last): a finished job is
 * skipped when its sweep runs again with the same length and evaluation.
 *
 * @param id           the job's id (its folder's name)
 * @param status       done, invalid (train refused the options) or failed
 * @param model        the trained model's description ({@code ModelSpec.describe()}), empty when none was trained
 * @param nll          test NLL in nats (NaN unless done)
 * @param paperNll     the paper's figure for this model (NaN when the paper has none)
 * @param k            importance samples of the NLL
 * @param images       test images scored
 * @param epochs       epochs trained
 * @param trainSeconds wall time of training, summed over the sweep runs that trained it
 * @param evalSeconds  wall time of the evaluation
 * @param message      why a job is invalid or failed ("" when done)
 */
public record JobResult(String id, Status status, String model, double nll, double paperNll, int k, int images, int epochs,
                        double trainSeconds, double evalSeconds, String message) implements java.io.Serializable {
    public static final String FILE = "result.properties";

    public enum Status { DONE, INVALID, FAILED }

    /** A job that failed for {@code why} (e.g. its engine gave up on it) with nothing trained or scored on record. */
    public static JobResult failed(String id, String why) {
        return notDone(id, Status.FAILED, why, 0);
    }

    static JobResult notDone(String id, Status status, String message, double trainSeconds) {
        return new JobResult(id, status, "", Double.NaN, Double.NaN, 0, 0, 0, trainSeconds, 0, message);
    }

    /** One line: "test NLL 94.13 (k = 1000, …)", "invalid: …" or "failed: …". */
    public String describe() {
        return Describe.outcome(this);
    }

    /** Writes the result into {@code dir} atomically. */
    public void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("status", status.name().toLowerCase(Locale.ROOT));
        p.setProperty("model", model);
        p.setProperty("nll", Double.toString(nll));
        p.setProperty("paper_nll", Double.toString(paperNll));
        p.setProperty("k", Integer.toString(k));
        p.setProperty("images", Integer.toString(images));
        p.setProperty("epochs", Integer.toString(epochs));
        p.setProperty("train_seconds", Double.toString(trainSeconds));
        p.setProperty("eval_seconds", Double.toString(evalSeconds));
        p.setProperty("message", message);
        AtomicFiles.write(dir.resolve(FILE), out -> p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                "concrete-explorer sweep job"));
    }

    /** The result in {@code dir}, or empty when there is none or it cannot be read (then the job runs again). */
    public static Optional<JobResult> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new JobResult(p.getProperty("id"), Status.valueOf(p.getProperty("status").toUpperCase(Locale.ROOT)),
                    p.getProperty("model", ""), Double.parseDouble(p.getProperty("nll")),
                    Double.parseDouble(p.getProperty("paper_nll")), Integer.parseInt(p.getProperty("k")),
                    Integer.parseInt(p.getProperty("images")), Integer.parseInt(p.getProperty("epochs")),
                    Double.parseDouble(p.getProperty("train_seconds")), Double.parseDouble(p.getProperty("eval_seconds")),
                    p.getProperty("message", "")));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
