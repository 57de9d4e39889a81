package org.concretelab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.concretelab.data.Datasets;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperResults;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunFolder;
import org.concretelab.train.RunLog;

/**
 * A results root read back as it is on disk, for display (the app's Results tab): every job folder a sweep made, with
 * its result when it has one, else what is happening to it now (training or being scored, queued in the running sweep,
 * or stopped), its grid options and the model its checkpoint records. Reads only — it takes no lock and writes nothing —
 * so it can follow a sweep that is still running: such a root has job folders but no {@value ResultsTable#CSV} yet (the
 * sweep writes the table when every job has ended), and the jobs not started yet have no folder.
 */
public final class ResultsRoot {
    /**
     * What a job is: done, invalid or failed (its result says so); running (training, or trained and being scored);
     * queued (started before, waiting for its turn in the sweep that runs now); or stopped (started, not finished, and no
     * sweep runs it: running the sweep again resumes it).
     */
    public enum State {
        DONE, RUNNING, QUEUED, STOPPED, FAILED, INVALID;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One job of the root.
     *
     * @param id          its folder's name ({@link SweepJob#id()})
     * @param folder      its run folder (it may be gone when the job is known only from {@value ResultsTable#CSV})
     * @param options     its grid options, key → value, in the grid's order
     * @param seed        its training seed (-1 when unknown)
     * @param state       done, running, queued, stopped, failed or invalid
     * @param nll         test NLL in nats (NaN unless done)
     * @param k           importance samples of the NLL (0 unless done)
     * @param images      test images scored (0 unless done)
     * @param epochs      epochs trained (done: the result's; otherwise its checkpoint's, -1 without one)
     * @param epochsAsked epochs it was asked to train (-1 when unknown)
     * @param wallSeconds training and evaluation wall time so far (NaN when unknown)
     * @param paperNll    the paper's figure for its model (NaN when the paper has none or the model is unknown)
     * @param model       its model's description ("" when unknown)
     * @param spec        its model as its checkpoint records it, or null (not started, invalid, no checkpoint yet)
     * @param note        one line on its state: the reason it failed or is invalid, what it is doing now ("" when done)
     * @param dataset     the name of the dataset it trains on: its checkpoint's, else its grid option's, else MNIST's
     */
    public record Job(String id, Path folder, Map<String, String> options, long seed, State state, double nll, int k,
                      int images, int epochs, int epochsAsked, double wallSeconds, double paperNll, String model,
                      ModelSpec spec, String note, String dataset) {
        public Job {
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        /** A job whose dataset is its grid option's (MNIST without one). */
        public Job(String id, Path folder, Map<String, String> options, long seed, State state, double nll, int k,
                   int images, int epochs, int epochsAsked, double wallSeconds, double paperNll, String model,
                   ModelSpec spec, String note) {
            this(id, folder, options, seed, state, nll, k, images, epochs, epochsAsked, wallSeconds, paperNll, model, spec,
                    note, options.getOrDefault("dataset", Datasets.defaultDataset().name()));
        }

        /** Its checkpoint: last.ckpt, else previous.ckpt, if either is there. */
        public Optional<Path> checkpoint() {
            for (String name : List.of(RunFolder.LAST, RunFolder.PREVIOUS)) {
                Path p = folder.resolve(name);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        /** Whether its folder holds the training curves (training.csv and epochs.csv). */
        public boolean hasCurves() {
            return Files.isRegularFile(folder.resolve(RunLog.STEPS)) && Files.isRegularFile(folder.resolve(RunLog.EPOCHS));
        }

        /** Our figure minus the paper's (NaN unless both are known). */
        public double difference() {
            return nll - paperNll;
        }
    }

    /** The folder is not a results root; the message says what it is and what to open instead. */
    public static final class NotAResultsRootException extends IOException {
        public NotAResultsRootException(String message) {
            super(message);
        }
    }

    /** A job whose log changed this recently counts as running even when no lock says so (e.g. a cluster's executor). */
    static final Duration ACTIVE = Duration.ofMinutes(2);
    static final String SWEEP_LOCK = ".sweep.lock";
    private static final Pattern KEY_START = Pattern.compile("_(?=[A-Za-z][A-Za-z0-9-]*=)");

    private final Path dir;
    private final List<String> optionKeys;
    private final List<Job> jobs;
    private final boolean sweepRunning;
    private final boolean tableWritten;
    private final boolean runsFolder;

    ResultsRoot(Path dir, List<String> optionKeys, List<Job> jobs, boolean sweepRunning, boolean tableWritten) {
        this(dir, optionKeys, jobs, sweepRunning, tableWritten, false);
    }

    ResultsRoot(Path dir, List<String> optionKeys, List<Job> jobs, boolean sweepRunning, boolean tableWritten,
            boolean runsFolder) {
        this.runsFolder = runsFolder;
        this.dir = dir;
        this.optionKeys = List.copyOf(optionKeys);
        this.jobs = List.copyOf(jobs);
        this.sweepRunning = sweepRunning;
        this.tableWritten = tableWritten;
    }

    public Path dir() {
        return dir;
    }

    /** The grid's option keys, in its order (the columns of {@value ResultsTable#CSV} before the seed). */
    public List<String> optionKeys() {
        return optionKeys;
    }

    /** The jobs: in grid order as far as {@value ResultsTable#CSV} gives it, then the other folders by name. */
    public List<Job> jobs() {
        return jobs;
    }

    /** Whether a sweep holds the root's lock now (on this machine). */
    public boolean sweepRunning() {
        return sweepRunning;
    }

    /** Whether this is a folder of training runs ({@code runs/}) rather than a sweep's root: no sweep, no table, no test NLL. */
    public boolean runsFolder() {
        return runsFolder;
    }

    /** Whether a sweep has written the root's table (it does so when all its jobs have ended). */
    public boolean tableWritten() {
        return tableWritten;
    }

    /** How many jobs are in {@code state}. */
    public long count(State state) {
        return jobs.stream().filter(j -> j.state() == state).count();
    }

    /**
     * Reads the root {@code dir}. A folder that holds no sweep's results is refused with a
     * {@link NotAResultsRootException} saying what it is (a job's folder, a training run, something else).
     */
    public static ResultsRoot read(Path dir) throws IOException {
        return read(dir, Instant.now());
    }

    static ResultsRoot read(Path dir, Instant now) throws IOException {
        if (!Files.exists(dir)) {
            throw new NotAResultsRootException(dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotAResultsRootException(dir + " is a file, not a results root; open the folder a sweep wrote (its --root)");
        }
        if (Files.isRegularFile(dir.resolve(JobResult.FILE))) {
            throw new NotAResultsRootException(dir.toAbsolutePath() + " is one job's folder (it holds " + JobResult.FILE
                    + "), not a results root; open the folder above it, " + dir.toAbsolutePath().getParent());
        }
        Path csv = dir.resolve(ResultsTable.CSV);
        Csv table = Files.isRegularFile(csv) ? Csv.read(csv) : null;
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : entries) {
                if (isJobFolder(p)) {
                    folders.add(p);
                }
            }
        }
        boolean locked = Files.exists(dir.resolve(SWEEP_LOCK));
        if (table == null && folders.isEmpty() && !locked) {
            Optional<ResultsRoot> runs = RunsFolder.read(dir, now); // a folder of training runs (runs/): one row per run
            if (runs.isPresent()) {
                return runs.get();
            }
            boolean run = Files.isRegularFile(dir.resolve(RunLog.STEPS)) || Files.isRegularFile(dir.resolve(RunFolder.LAST));
            throw new NotAResultsRootException(run
                    ? dir.toAbsolutePath() + " is a training run's folder, not a sweep's results root; open its checkpoint in the"
                            + " Training tab (Load checkpoint), or open the folder a sweep wrote (its --root)"
                    : dir.toAbsolutePath() + " holds no sweep results: no " + ResultsTable.CSV + " and no job folders (with "
                            + JobResult.FILE + " or " + JobRunner.LOG + "). Open the folder a sweep wrote: its --root, by default"
                            + " runs/sweep-<sweep file>");
        }
        LockTable locks = LockTable.now();
        boolean sweepRunning = locks.held(dir.resolve(SWEEP_LOCK));
        Map<String, Path> byId = new TreeMap<>();
        folders.forEach(f -> byId.put(f.getFileName().toString(), f));
        List<String> ids = new ArrayList<>();
        if (table != null) {
            table.rows.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        }
        byId.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        Set<String> keys = new LinkedHashSet<>(table != null ? table.optionKeys : List.of());
        List<Job> jobs = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> csvRow = table == null ? null : table.rows.get(id);
            Map<String, String> options = new LinkedHashMap<>();
            long seed;
            if (csvRow != null) {
                table.optionKeys.forEach(k -> options.put(k, csvRow.getOrDefault(k, "")));
                seed = parseLong(csvRow.get("seed"), -1);
            } else {
                Map<String, String> parsed = parseId(id);
                seed = parseLong(parsed.remove("seed"), -1);
                options.putAll(parsed);
            }
            keys.addAll(options.keySet());
            Path folder = byId.getOrDefault(id, dir.resolve(id));
            jobs.add(Files.isDirectory(folder) ? job(id, folder, options, seed, csvRow, locks, sweepRunning, now)
                    : fromTable(id, folder, options, seed, csvRow));
        }
        return new ResultsRoot(dir, new ArrayList<>(keys), jobs, sweepRunning, table != null);
    }

    /** A folder a sweep made for a job: one with a result or a train log, or a job's name and a run's files. */
    private static boolean isJobFolder(Path p) {
        if (Files.isRegularFile(p.resolve(JobResult.FILE)) || Files.isRegularFile(p.resolve(JobRunner.LOG))) {
            return true;
        }
        String name = p.getFileName().toString();
        return name.matches("(.*_)?seed=-?\\d+") && (Files.isRegularFile(p.resolve(RunFolder.LAST))
                || Files.isRegularFile(p.resolve(RunLog.STEPS)));
    }

    private static Job job(String id, Path folder, Map<String, String> options, long seed, Map<String, String> csvRow,
                           LockTable locks, boolean sweepRunning, Instant now) {
        Checkpoints.Header header = header(folder);
        ModelSpec spec = header == null ? null : header.options().spec();
        String dataset = header != null ? header.options().dataset().name()
                : options.getOrDefault("dataset", Datasets.defaultDataset().name());
        boolean paperData = dataset.equals(Datasets.MNIST.name()); // the paper's figures are MNIST's
        int trained = header == null ? -1 : header.epoch();
        int asked = header == null ? -1 : header.options().epochs();
        Optional<JobResult> result = JobResult.read(folder);
        if (result.isPresent()) {
            JobResult r = result.get();
            State state = switch (r.status()) {
                case DONE -> State.DONE;
                case INVALID -> State.INVALID;
                case FAILED -> State.FAILED;
            };
            double paper = !Double.isNaN(r.paperNll()) ? r.paperNll() : paperData ? paper(spec) : Double.NaN;
            // the checkpoint's own spec first: a result written by an earlier build says "EMA-centred" for the centring
            // that build had (every network reading a layer), which this build names apart from the paper's
            String model = spec != null ? spec.describe() : r.model();
            double wall = r.trainSeconds() + r.evalSeconds();
            return new Job(id, folder, options, seed, state, r.nll(), r.k(), r.images(), state == State.DONE ? r.epochs() : trained,
                    state == State.DONE ? r.epochs() : asked, wall, paper, model, spec, r.message(), dataset);
        }
        double trainSeconds = trainSeconds(folder);
        String progress = trained < 0 ? "no checkpoint yet" : asked > 0
                ? String.format(Locale.ROOT, "%d of %d epochs", trained, asked) : trained + " epochs";
        State state;
        String note;
        if (locks.held(folder.resolve(RunFolder.LOCK))) {
            state = State.RUNNING;
            note = "training (" + progress + ")";
        } else if (sweepRunning && trained >= 0 && asked > 0 && trained >= asked) {
            state = State.RUNNING;
            note = "trained (" + progress + "); being scored on the test set";
        } else if (sweepRunning) {
            state = State.QUEUED;
            note = "waiting for its turn in the running sweep (" + progress + "; it resumes from its checkpoint)";
        } else {
            Duration idle = idle(folder, now);
            if (idle.compareTo(ACTIVE) < 0) {
                state = State.RUNNING;
                note = "active: its files changed " + idle.toSeconds() + " s ago (" + progress + ")";
            } else {
                state = State.STOPPED;
                note = "stopped (" + progress + "); running the sweep again resumes it from its checkpoint";
            }
        }
        if (csvRow != null && state == State.STOPPED) { // the table says how it ended before (e.g. its folder was cleaned)
            note = note + "; the table says " + csvRow.getOrDefault("status", "?");
        }
        return new Job(id, folder, options, seed, state, Double.NaN, 0, 0, trained, asked, trainSeconds,
                paperData ? paper(spec) : Double.NaN, spec == null ? "" : spec.describe(), spec, note, dataset);
    }

    /** A job known only from the table (its folder is gone). */
    private static Job fromTable(String id, Path folder, Map<String, String> options, long seed, Map<String, String> row) {
        State state = switch (row.getOrDefault("status", "")) {
            case "done" -> State.DONE;
            case "invalid" -> State.INVALID;
            case "failed" -> State.FAILED;
            default -> State.STOPPED;
        };
        int epochs = (int) parseLong(row.get("epochs"), -1);
        double wall = parseDouble(row.get("train_s")) + (Double.isNaN(parseDouble(row.get("eval_s"))) ? 0 : parseDouble(row.get("eval_s")));
        String message = row.getOrDefault("message", "");
        return new Job(id, folder, options, seed, state, parseDouble(row.get("test_nll")), (int) parseLong(row.get("k"), 0),
                (int) parseLong(row.get("images"), 0), epochs, epochs, wall, parseDouble(row.get("paper_nll")),
                row.getOrDefault("model", ""), null, (message.isEmpty() ? "" : message + "; ") + "its folder is gone");
    }

    /** The header of the folder's last checkpoint, else its previous one; null when neither can be read. */
    static Checkpoints.Header header(Path folder) {
        for (String name : List.of(RunFolder.LAST, RunFolder.PREVIOUS)) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    return Checkpoints.header(p);
                } catch (RuntimeException unreadable) {
                    // try the previous one
                }
            }
        }
        return null;
    }

    private static double paper(ModelSpec spec) {
        return spec == null ? Double.NaN : PaperResults.testNll(spec).orElse(Double.NaN);
    }

    private static double trainSeconds(Path folder) {
        try {
            return Double.parseDouble(Files.readString(folder.resolve(JobRunner.TRAIN_SECONDS)).strip());
        } catch (IOException | NumberFormatException none) {
            return Double.NaN;
        }
    }

    /** How long ago the job's logs last changed. */
    private static Duration idle(Path folder, Instant now) {
        return idle(folder, now, List.of(RunLog.STEPS, RunLog.EPOCHS, JobRunner.LOG, RunFolder.LAST));
    }

    /** How long ago the newest of {@code files} in {@code folder} changed (those absent count as never). */
    static Duration idle(Path folder, Instant now, List<String> files) {
        Instant last = Instant.EPOCH;
        for (String name : files) {
            try {
                Instant t = Files.getLastModifiedTime(folder.resolve(name)).toInstant();
                if (t.isAfter(last)) {
                    last = t;
                }
            } catch (IOException absent) {
                // not there
            }
        }
        Duration d = Duration.between(last, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * A job's options from its folder's name ({@code arch=200H~784V_samples=5_seed=1}): a {@code _} followed by
     * {@code key=} starts the next option, so values may hold {@code _}. Characters {@link SweepJob#id()} replaced
     * stay replaced.
     */
    static Map<String, String> parseId(String id) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : KEY_START.split(id)) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double parseDouble(String s) {
        try {
            return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@value ResultsTable#CSV} read back: its option columns (between job and seed) and its rows by job id. */
    private record Csv(List<String> optionKeys, Map<String, Map<String, String>> rows) {
        static Csv read(Path file) throws IOException {
            List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
            if (records.isEmpty() || records.get(0).isEmpty() || !records.get(0).get(0).equals("job")
                    || !records.get(0).contains("seed")) {
                throw new NotAResultsRootException(file + " is not a sweep's results table (its header should start with"
                        + " 'job' and name a 'seed' column)");
            }
            List<String> header = records.get(0);
            List<String> keys = header.subList(1, header.indexOf("seed"));
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            for (List<String> r : records.subList(1, records.size())) {
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size() && i < r.size(); i++) {
                    row.put(header.get(i), r.get(i));
                }
                rows.put(r.get(0), row);
            }
            return new Csv(List.copyOf(keys), rows);
        }

        /** RFC 4180 records: fields in double quotes may hold commas, quotes (doubled) and line breaks. */
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
