package org.concretelab.train;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.concretelab.metrics.Metric;
import org.concretelab.metrics.Metrics;

/**
 * The two CSV logs of a run folder: {@code training.csv} (a row per step) and {@code epochs.csv} (a row per
 * validated epoch). Steps and epochs count from 1. Appends on resume, after {@link #truncate} has cut rows
 * the checkpoint does not cover, so every step appears exactly once however often a run is killed.
 */
public final class RunLog implements AutoCloseable {
    public static final String STEPS = "training.csv";
    public static final String EPOCHS = "epochs.csv";
    /**
     * Columns of training.csv for a run of the relaxed estimators. The third column holds the minibatch's training
     * objective and is named after it ({@code GradientEstimator#objectiveColumn}: {@code relaxed_elbo} for concrete
     * and straight-through, {@code discrete_bound} for vimco, {@code discrete_elbo} for nvil; β-weighted during a KL
     * warm-up); see {@link #stepColumns}.
     */
    public static final List<String> STEP_COLUMNS = stepColumns("relaxed_elbo");
    /** Where the training objective sits in a row of training.csv, whatever its column's name. */
    public static final int OBJECTIVE_COLUMN = 2;
    /** Key of the epoch score counting active latent units (not a mean over images, so not a {@link Metric}). */
    public static final String ACTIVE_UNITS = "active_units";
    /** Columns of epochs.csv: epoch, step, {@code val_<key>} of every registered metric, then the active units. */
    public static final List<String> EPOCH_COLUMNS = epochColumns(Metrics.standard());
    public static final String STEPS_HEADER = stepsHeader("relaxed_elbo");
    public static final String EPOCHS_HEADER = String.join(",", EPOCH_COLUMNS);

    /** Columns of training.csv for a run whose estimator writes its objective as {@code objectiveColumn}. */
    public static List<String> stepColumns(String objectiveColumn) {
        return List.of("step", "epoch", objectiveColumn, "running_mean", "examples_per_s");
    }

    /** The header line of training.csv (without its newline) for that objective column. */
    public static String stepsHeader(String objectiveColumn) {
        return String.join(",", stepColumns(objectiveColumn));
    }

    private static List<String> epochColumns(List<Metric> metrics) {
        List<String> c = new java.util.ArrayList<>(List.of("epoch", "step"));
        metrics.forEach(m -> c.add("val_" + m.key()));
        c.add("val_" + ACTIVE_UNITS);
        return List.copyOf(c);
    }

    /** Lines that start with this, above the column names of epochs.csv, say what the run is; readers skip them. */
    public static final String COMMENT = "#";

    /** Whether {@code line} of a log is a comment (the run header), which no reader takes for a row or column names. */
    public static boolean isComment(String line) {
        return line.startsWith(COMMENT);
    }

    /**
     * The run header of epochs.csv: {@code # run: dataset=fashion-mnist, model=200H~784V binary, seed=1} — which
     * dataset the scores below are on (a log read without its checkpoint still says it). CSV readers skip it as a
     * comment ({@code pandas.read_csv(f, comment="#")}).
     */
    public static String runHeader(TrainingOptions o) {
        return COMMENT + " run: dataset=" + o.dataset().name() + ", model=" + o.spec().describe() + ", seed=" + o.seed();
    }

    /** The metric key of an epochs.csv column ({@code val_nll} → {@code nll}). */
    public static String metricKey(String column) {
        return column.startsWith("val_") ? column.substring(4) : column;
    }

    private final Path dir;
    private final BufferedWriter steps;

    private RunLog(Path dir, BufferedWriter steps) {
        this.dir = dir;
        this.steps = steps;
    }

    /**
     * Opens (creating with headers where missing) the logs of {@code dir} for appending, the training objective in
     * a column named {@code objectiveColumn}. A resumed run's logs were first cut back by {@link #truncate}, which
     * gives them that header.
     */
    public static RunLog open(Path dir, String objectiveColumn) throws IOException {
        return open(dir, objectiveColumn, null);
    }

    /**
     * As {@link #open(Path, String)}; a new epochs.csv starts with {@code runHeader} ({@link #runHeader}; null: none),
     * the comment line above the column names that says what the run trained on.
     */
    public static RunLog open(Path dir, String objectiveColumn, String runHeader) throws IOException {
        Files.createDirectories(dir);
        Path stepFile = dir.resolve(STEPS);
        boolean fresh = !Files.exists(stepFile) || Files.size(stepFile) == 0;
        BufferedWriter w = Files.newBufferedWriter(stepFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(stepsHeader(objectiveColumn) + "\n");
        }
        Path epochFile = dir.resolve(EPOCHS);
        if (!Files.exists(epochFile) || Files.size(epochFile) == 0) {
            Files.writeString(epochFile, (runHeader == null ? "" : runHeader + "\n") + EPOCHS_HEADER + "\n");
        }
        return new RunLog(dir, w);
    }

    /** One step's row; {@code epoch} is 0-based here and written 1-based. */
    public void step(long step, int epoch, double objective, double runningMean, double examplesPerSecond) throws IOException {
        steps.write(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.0f%n", step, epoch + 1, objective, runningMean,
                examplesPerSecond));
    }

    /** One validated epoch's row (the step rows before it are flushed first, so the two files agree on disk). */
    public void epoch(TrainingEvent.Epoch e) throws IOException {
        steps.flush();
        Files.writeString(dir.resolve(EPOCHS), epochRow(e), StandardOpenOption.APPEND);
    }

    /** An epoch's row of epochs.csv (with its newline), epoch counted from 1. */
    public static String epochRow(TrainingEvent.Epoch e) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%d", e.epoch() + 1, e.step()));
        for (String column : EPOCH_COLUMNS.subList(2, EPOCH_COLUMNS.size())) {
            row.append(String.format(Locale.ROOT, ",%.4f", e.score(metricKey(column))));
        }
        return row.append('\n').toString();
    }

    public void flush() throws IOException {
        steps.flush();
    }

    @Override
    public void close() throws IOException {
        steps.close();
    }

    /**
     * Keeps the rows a checkpoint at {@code step} after {@code epochs} validated epochs covers and drops the rest
     * (rows logged after the checkpoint by a run that was then killed, and a torn last line). Each file is
     * rewritten through a temp file and an atomic rename, so a kill during the cut loses nothing. training.csv
     * gets the header naming {@code objectiveColumn} (a log written before its column was named after the
     * estimator's objective is renamed, its rows kept).
     *
     * <p>A log damaged otherwise (hand-edited, or not text at all) is repaired, never silently: a row without its
     * header is kept as a row, rows whose step (epoch) does not increase and lines that are no row are dropped, and
     * the file as it was is first copied to {@code training-before-repair.csv} (a free name); the returned notes say
     * what was done.
     */
    public static List<String> truncate(Path dir, long step, int epochs, String objectiveColumn) throws IOException {
        List<String> notes = new java.util.ArrayList<>();
        cut(dir.resolve(STEPS), stepsHeader(objectiveColumn), step, notes);
        cut(dir.resolve(EPOCHS), EPOCHS_HEADER, epochs, notes);
        return notes;
    }

    /** The step log that travels with {@code checkpoint} outside its run folder: {@code <name>.training.csv} beside it. */
    public static Path stepsBeside(Path checkpoint) {
        return checkpoint.resolveSibling(stem(checkpoint) + "." + STEPS);
    }

    /** The epoch log beside {@code checkpoint}: {@code <name>.epochs.csv}. */
    public static Path epochsBeside(Path checkpoint) {
        return checkpoint.resolveSibling(stem(checkpoint) + "." + EPOCHS);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".ckpt") ? name.substring(0, name.length() - 5) : name;
    }

    /**
     * Copies the logs of the run in {@code dir}, cut to a checkpoint at {@code step} after {@code epochs} epochs, beside
     * {@code checkpoint} ({@link #stepsBeside}, {@link #epochsBeside}); each through a temp file, so a reader never sees
     * half of one.
     */
    public static void copyBeside(Path dir, Path checkpoint, long step, int epochs, String objectiveColumn) throws IOException {
        copyCut(dir.resolve(STEPS), stepsBeside(checkpoint), stepsHeader(objectiveColumn), step);
        copyCut(dir.resolve(EPOCHS), epochsBeside(checkpoint), EPOCHS_HEADER, epochs);
    }

    private static void copyCut(Path from, Path to, String header, long max) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        if (Files.isRegularFile(from)) {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.writeString(tmp, header + "\n", StandardCharsets.UTF_8);
        }
        cut(tmp, header, max, new java.util.ArrayList<>()); // a copy: its run folder keeps any repair note
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The curves of {@code checkpoint}: those saved beside it ({@link #copyBeside}), else its folder's logs when the
     * folder is a run folder; null when it has none.
     */
    public static History readFor(Path checkpoint, int maxPoints) {
        Path steps = stepsBeside(checkpoint);
        Path epochs = epochsBeside(checkpoint);
        if (Files.isRegularFile(steps) && Files.isRegularFile(epochs)) {
            return read(steps, epochs, maxPoints);
        }
        Path dir = checkpoint.toAbsolutePath().getParent();
        return dir == null ? null : read(dir, maxPoints);
    }

    /** Copies both logs to {@code training<suffix>.csv} / {@code epochs<suffix>.csv} (free names); returns notes. */
    static List<String> copyAside(Path dir, String suffix) throws IOException {
        List<String> notes = new java.util.ArrayList<>();
        for (String name : List.of(STEPS, EPOCHS)) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                notes.add("kept a copy of " + name + " as " + copy(file, suffix).getFileName() + " before cutting it back");
            }
        }
        return notes;
    }

    /** Copies {@code file} (x.csv) to {@code x<suffix>.csv}, or {@code x<suffix>-2.csv}, … if taken; returns the copy. */
    private static Path copy(Path file, String suffix) throws IOException {
        String name = file.getFileName().toString();
        String base = name.substring(0, name.length() - 4) + suffix;
        Path copy = file.resolveSibling(base + ".csv");
        for (int i = 2; Files.exists(copy); i++) {
            copy = file.resolveSibling(base + "-" + i + ".csv");
        }
        return Files.copy(file, copy);
    }

    /**
     * Drops rows whose first column exceeds {@code max}, and a torn last line; repairs other damage (see
     * {@link #truncate}), adding a note to {@code notes}.
     */
    private static void cut(Path file, String header, long max, List<String> notes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        int columns = header.split(",").length;
        // bytes that are no UTF-8 (a binary file, a stray editor encoding) become U+FFFD and fail as rows: repaired below
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        Path tmp = file.resolveSibling(file.getFileName() + ".cut.tmp");
        boolean changed;
        int noHeader = 0;
        int notRows = 0;
        int notIncreasing = 0;
        try {
            try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), utf8));
                 BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                String first = r.readLine();
                while (first != null && isComment(first)) { // the run header: kept as it is
                    w.write(first + "\n");
                    first = r.readLine();
                }
                w.write(header + "\n");
                changed = first == null || !first.equals(header);
                // a log written before columns were added: its rows get NaN for the new columns, nothing is dropped
                String padding = first != null && header.startsWith(first + ",")
                        ? ",NaN".repeat(columns - first.split(",").length) : "";
                String pending = null; // a line that is no row: damage unless it is the last one (torn by a kill)
                if (first != null && !first.startsWith(header.substring(0, header.indexOf(',', header.indexOf(',') + 1) + 1))) {
                    if (row(first, columns) != null) {
                        noHeader = 1; // a row where the header belongs: kept as a row, the header put back
                    } else if (!first.isEmpty()) {
                        notRows++; // something else where the header belongs
                    }
                }
                long last = Long.MIN_VALUE;
                String line = noHeader == 1 ? first : r.readLine();
                while (line != null) {
                    if (!padding.isEmpty() && !line.isEmpty()) {
                        line += padding;
                    }
                    Long key = row(line, columns);
                    if (key == null) {
                        if (pending != null) {
                            notRows++;
                        }
                        pending = line;
                    } else {
                        if (pending != null) {
                            notRows++;
                            pending = null;
                        }
                        if (key > max) {
                            changed = true; // logged after the checkpoint
                        } else if (key <= last) {
                            notIncreasing++;
                        } else {
                            last = key;
                            w.write(line);
                            w.write('\n');
                        }
                    }
                    line = r.readLine();
                }
                if (pending != null) {
                    changed = true; // the torn last line of a killed run
                }
            }
            int damaged = noHeader + notRows + notIncreasing;
            if (!changed && damaged == 0 && !endsTorn(file)) {
                return;
            }
            if (damaged > 0) {
                Path kept = copy(file, "-before-repair");
                List<String> what = new java.util.ArrayList<>();
                if (noHeader > 0) {
                    what.add("put back its missing header");
                }
                if (notIncreasing > 0) {
                    what.add(String.format(Locale.ROOT, "dropped %d row%s whose %s does not increase", notIncreasing,
                            notIncreasing == 1 ? "" : "s", header.substring(0, header.indexOf(','))));
                }
                if (notRows > 0) {
                    what.add(String.format(Locale.ROOT, "dropped %d line%s that %s no row of numbers", notRows,
                            notRows == 1 ? "" : "s", notRows == 1 ? "is" : "are"));
                }
                notes.add(file.getFileName() + " was damaged (edited by hand, or not text); repaired it: "
                        + String.join(", ", what) + "; the file as it was is kept as " + kept.getFileName());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The first column of a complete row of {@code columns} numbers, or null when {@code line} is none. */
    private static Long row(String line, int columns) {
        String[] f = line.split(",", -1);
        if (f.length != columns) {
            return null;
        }
        try {
            for (String v : f) {
                Double.parseDouble(v);
            }
            return Long.parseLong(f[0]);
        } catch (NumberFormatException torn) {
            return null;
        }
    }

    /** A last line without its newline was being written when the process died. */
    private static boolean endsTorn(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return true;
        }
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, size - 1);
            return b.get(0) != '\n';
        }
    }

    /** The temp files of a cut that a killed process never renamed. */
    static void removeStaleTempFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv.cut.tmp")) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A run's logs read back for plotting: the step curve thinned to at most {@code maxPoints} rows (every k-th,
     * and always the last, so the curve ends where the run ended) and every epoch's scores; {@code objectiveColumn}
     * is the name training.csv gives the objective (which says what was optimised).
     */
    public record History(double[] steps, double[] objective, double[] runningMean, List<TrainingEvent.Epoch> epochs,
                          String objectiveColumn) {
    }

    /** The logs in {@code dir}, or null when it has none or they cannot be parsed (logs are a bonus to a checkpoint). */
    public static History read(Path dir, int maxPoints) {
        return read(dir.resolve(STEPS), dir.resolve(EPOCHS), maxPoints);
    }

    /** As {@link #read(Path, int)} from the two files given. */
    public static History read(Path stepFile, Path epochFile, int maxPoints) {
        if (!Files.isRegularFile(stepFile) || !Files.isRegularFile(epochFile)) {
            return null;
        }
        try {
            String[] stepHeader;
            try (BufferedReader r = Files.newBufferedReader(stepFile, StandardCharsets.UTF_8)) {
                String first = r.readLine();
                stepHeader = first == null ? new String[0] : first.split(",");
            }
            if (stepHeader.length != STEP_COLUMNS.size()) {
                return null;
            }
            long lines;
            try (var s = Files.lines(stepFile)) {
                lines = s.count() - 1;
            }
            int every = (int) Math.max(1, (lines + maxPoints - 1) / maxPoints);
            int stepCol = STEP_COLUMNS.indexOf("step");
            int objectiveCol = OBJECTIVE_COLUMN;
            int meanCol = STEP_COLUMNS.indexOf("running_mean");
            List<double[]> rows = new java.util.ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(stepFile, StandardCharsets.UTF_8)) {
                r.readLine();
                long i = 0;
                String last = null;
                for (String line; (line = r.readLine()) != null; i++) {
                    if (i % every == 0) {
                        rows.add(numbers(line));
                        last = null;
                    } else {
                        last = line;
                    }
                }
                if (last != null) {
                    rows.add(numbers(last));
                }
            }
            double[] steps = new double[rows.size()];
            double[] objective = new double[rows.size()];
            double[] mean = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                steps[i] = rows.get(i)[stepCol];
                objective[i] = rows.get(i)[objectiveCol];
                mean[i] = rows.get(i)[meanCol];
            }
            List<String> epochLines = Files.readAllLines(epochFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> !isComment(l)).toList();
            List<String> header = List.of(epochLines.get(0).split(","));
            List<TrainingEvent.Epoch> epochs = new java.util.ArrayList<>();
            for (String line : epochLines.subList(1, epochLines.size())) {
                double[] v = numbers(line);
                java.util.Map<String, Double> scores = new java.util.LinkedHashMap<>();
                for (int c = 2; c < header.size(); c++) {
                    scores.put(metricKey(header.get(c)), v[c]);
                }
                epochs.add(new TrainingEvent.Epoch((int) v[0] - 1, (long) v[1], scores));
            }
            return new History(steps, objective, mean, List.copyOf(epochs), stepHeader[OBJECTIVE_COLUMN]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double[] numbers(String line) {
        String[] f = line.split(",");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Double.parseDouble(f[i]);
        }
        return v;
    }
}
