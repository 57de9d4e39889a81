package org.concretelab.ui.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunFolder;
import org.concretelab.train.RunLog;
import org.concretelab.train.TrainingOptions;

/**
 * Run folders read for comparison on the Training charts (no JavaFX, called off the FX thread): a folder's configuration
 * from its checkpoint's header (the weights are not read) and its curves from its logs ({@link RunLog}). A folder that is
 * no run, or whose logs are damaged, is refused with a sentence that says which file and why.
 */
final class RunOverlays {
    /** Step rows kept per compared run: a curve to compare, not every step. */
    static final int MAX_POINTS = 2000;

    private RunOverlays() {
    }

    /** A folder refused for comparison; the message names the folder and the file at fault. */
    static final class NotARunException extends Exception {
        NotARunException(String message) {
            super(message);
        }
    }

    /**
     * One run folder as the chooser lists it: {@code configuration} the label of its model (empty when unknown),
     * {@code progress} how far it trained, {@code problem} why it cannot be compared ("" when it can).
     */
    record Listing(Path folder, String configuration, String progress, String problem) {
        String name() {
            return folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        }
    }

    /**
     * A run read for the charts: its label, its options in full ({@code description}, "" when unknown), the name of the
     * objective it optimised and its logs.
     */
    record Run(Path folder, String label, String description, String objective, RunLog.History logs) {
    }

    /**
     * The run folders directly under {@code dir} (sorted by name), each with its configuration or its problem; {@code dir}
     * alone when it is a run folder itself.
     */
    static List<Listing> list(Path dir) throws IOException {
        if (looksLikeRun(dir)) {
            return List.of(listing(dir));
        }
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : entries) {
                if (looksLikeRun(p)) {
                    folders.add(p);
                }
            }
        }
        folders.sort(null);
        List<Listing> out = new ArrayList<>();
        for (Path p : folders) {
            out.add(listing(p));
        }
        return out;
    }

    /** Holds a checkpoint or a log: worth listing (it may still turn out damaged). */
    static boolean looksLikeRun(Path p) {
        return Files.isRegularFile(p.resolve(RunFolder.LAST)) || Files.isRegularFile(p.resolve(RunFolder.PREVIOUS))
                || Files.isRegularFile(p.resolve(RunLog.STEPS)) || Files.isRegularFile(p.resolve(RunLog.EPOCHS));
    }

    private static Listing listing(Path folder) {
        TrainingOptions o = options(folder);
        String configuration = o == null ? "" : RunLabels.label(o.spec());
        String problem = logsProblem(folder);
        int epochs = problem.isEmpty() ? epochRows(folder) : -1;
        String progress = epochs < 0 ? "" : o == null ? plural(epochs, "epoch")
                : String.format(Locale.ROOT, "%d of %d epochs", epochs, o.epochs());
        return new Listing(folder, configuration, progress, problem);
    }

    /**
     * Reads {@code folder} for the charts.
     *
     * @throws NotARunException when it is no run folder of this app or its logs cannot be read (the message says why)
     */
    static Run read(Path folder) throws NotARunException {
        if (!Files.isDirectory(folder)) {
            throw new NotARunException(folder + " is not a folder");
        }
        String problem = logsProblem(folder);
        if (!problem.isEmpty()) {
            throw new NotARunException(folder.getFileName() + ": " + problem);
        }
        RunLog.History logs = RunLog.read(folder, MAX_POINTS);
        if (logs == null) {
            throw new NotARunException(folder.getFileName() + ": a line of " + RunLog.STEPS + " or " + RunLog.EPOCHS
                    + " is not a row of numbers (the file is damaged)");
        }
        if (logs.steps().length == 0 && logs.epochs().isEmpty()) {
            throw new NotARunException(folder.getFileName() + ": its logs hold no step yet (the run has not trained)");
        }
        TrainingOptions o = options(folder);
        String objective = org.concretelab.model.estimator.Estimators.objectiveOfColumn(logs.objectiveColumn());
        String label = o == null ? folder.getFileName() + " (configuration unknown: no readable checkpoint)"
                : RunLabels.label(o.spec());
        String description = o == null ? "" : o.spec().describe() + String.format(Locale.ROOT, ", batch %d, %s images, seed %d",
                o.batchSize(), o.trainLimit() == 0 ? "50,000" : String.format(Locale.ROOT, "%,d", o.trainLimit()), o.seed());
        return new Run(folder, label, description, objective == null ? logs.objectiveColumn() : objective, logs);
    }

    /** The options in the folder's last checkpoint, else its previous one; null when neither can be read. */
    static TrainingOptions options(Path folder) {
        for (String name : List.of(RunFolder.LAST, RunFolder.PREVIOUS)) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    return Checkpoints.header(p).options();
                } catch (CheckpointException | IllegalArgumentException unreadable) {
                    // try the previous one
                }
            }
        }
        return null;
    }

    /** Why the folder's logs cannot be plotted, or "" when both are there with the columns this app writes. */
    private static String logsProblem(Path folder) {
        Path steps = folder.resolve(RunLog.STEPS);
        Path epochs = folder.resolve(RunLog.EPOCHS);
        if (!Files.isRegularFile(steps) && !Files.isRegularFile(epochs)) {
            return "holds neither " + RunLog.STEPS + " nor " + RunLog.EPOCHS + ", so it is no run folder of Concrete Explorer";
        }
        if (!Files.isRegularFile(steps)) {
            return RunLog.STEPS + " is missing";
        }
        if (!Files.isRegularFile(epochs)) {
            return RunLog.EPOCHS + " is missing";
        }
        String stepHeader = firstLine(steps);
        if (stepHeader == null || !stepHeader.startsWith("step,epoch,") || stepHeader.split(",").length != RunLog.STEP_COLUMNS.size()) {
            return RunLog.STEPS + " does not start with this app's header (step,epoch,<objective>,running_mean,examples_per_s)";
        }
        String epochHeader = firstLine(epochs);
        if (epochHeader == null || !epochHeader.startsWith("epoch,step,")) {
            return RunLog.EPOCHS + " does not start with this app's header (" + RunLog.EPOCHS_HEADER + ")";
        }
        return "";
    }

    /** The first line that is no comment (epochs.csv's run header is one). */
    private static String firstLine(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            while (line != null && RunLog.isComment(line)) {
                line = r.readLine();
            }
            return line;
        } catch (IOException | RuntimeException e) { // unreadable, or no UTF-8 text (MalformedInputException)
            return null;
        }
    }

    private static int epochRows(Path folder) {
        try (var lines = Files.lines(folder.resolve(RunLog.EPOCHS), StandardCharsets.UTF_8)) {
            return (int) Math.max(0, lines.filter(l -> !l.isBlank() && !RunLog.isComment(l)).count() - 1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
