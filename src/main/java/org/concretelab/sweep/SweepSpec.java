package org.concretelab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A sweep: a grid of {@code train} options whose every combination is one job, and how each job is trained and
 * scored. Read from a small text file, one {@code key: value, value, …} per line ({@code #} starts a comment):
 * <pre>
 * # the paper's non-linear model, Concrete against VIMCO
 * arch: 200H~784V
 * samples: 1, 5
 * estimator: concrete, vimco
 * epochs: 100        # per job
 * eval-k: 1000       # importance samples of the test NLL
 * eval-limit: 0      # test images scored (0 = all 10,000)
 * seeds: 1, 2
 * </pre>
 * A grid key is a {@code train} option without its dashes ({@code arch} → {@code --arch}); its values are taken in
 * the order given, the first key varying slowest, the seeds fastest. A combination that {@code train} refuses (e.g.
 * {@code vimco} at m = 1) is still a job: it ends as invalid, with train's reason, and runs nothing.
 * <p>
 * Runs that are not one grid — options that go together, like the paper's n-ary rows (240 binary units, or 120 of
 * K = 4, or 80 of K = 8) — are several grids in one file: a line {@code ---} starts the next one; the lines before
 * the first {@code ---} are shared by every grid (the sweep's own keys may stand anywhere and hold for all):
 * <pre>
 * epochs: 900
 * lr: 1e-3
 * ---
 * units: 240
 * ---
 * latent: corners
 * classes: 4, 8    # still a grid: two jobs (-K's long name)
 * units: 80
 * </pre>
 * The jobs are the first grid's, then the next one's; two grids making the same job are refused.
 *
 * @param grids     each grid's option → values, in the file's order (the shared lines first); one for most sweeps
 * @param epochs    epochs each job trains
 * @param evalK     importance samples of each job's test NLL
 * @param evalLimit test images each job is scored on (0 = all)
 * @param seeds     training seeds, each combination is run once per seed
 */
public record SweepSpec(List<Map<String, List<String>>> grids, int epochs, int evalK, int evalLimit, List<Long> seeds)
        implements java.io.Serializable {
    /** Keys of the sweep itself, not of the grid. */
    public static final Set<String> OWN_KEYS = Set.of("epochs", "eval-k", "eval-limit", "seeds");
    /** train options a sweep sets itself for every job (folder, seed, length) or that make no sense in one. */
    public static final Set<String> REFUSED_KEYS = Set.of("out", "resume", "overwrite", "seed", "data", "quiet", "help",
            "version", "threads");
    /**
     * The most jobs a sweep may hold: the grid is counted before it is expanded, so a mistyped grid of a million
     * combinations is refused at once instead of filling memory (a real sweep of this program holds tens of jobs).
     */
    public static final int MAX_JOBS = 10_000;

    public SweepSpec {
        List<Map<String, List<String>>> copies = new ArrayList<>();
        for (Map<String, List<String>> grid : grids) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(grid)));
        }
        grids = Collections.unmodifiableList(copies);
        seeds = List.copyOf(seeds);
        if (epochs < 1 || evalK < 1 || evalLimit < 0 || seeds.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs epochs ≥ 1, eval-k ≥ 1, eval-limit ≥ 0 and at least one seed");
        }
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one grid");
        }
        long count = 0;
        for (Map<String, List<String>> grid : grids) {
            long n = jobCount(grid, seeds.size());
            count = n == Long.MAX_VALUE || count + n < 0 ? Long.MAX_VALUE : count + n;
        }
        if (count > MAX_JOBS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the grid holds %s jobs; a sweep may hold"
                    + " at most %,d: split it into several sweep files", count == Long.MAX_VALUE ? "more than 9.2e18"
                    : String.format(java.util.Locale.ROOT, "%,d", count), MAX_JOBS));
        }
    }

    /** A sweep of one grid. */
    public SweepSpec(Map<String, List<String>> grid, int epochs, int evalK, int evalLimit, List<Long> seeds) {
        this(List.of(grid), epochs, evalK, evalLimit, seeds);
    }

    /** Every option some grid sets, in the order they first appear (a results table's columns). */
    public List<String> keys() {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        grids.forEach(g -> keys.addAll(g.keySet()));
        return List.copyOf(keys);
    }

    /** The jobs {@code grid} × {@code seeds} makes, counted without expanding it (Long.MAX_VALUE when it overflows). */
    private static long jobCount(Map<String, List<String>> grid, int seeds) {
        long n = seeds;
        for (List<String> values : grid.values()) {
            try {
                n = Math.multiplyExact(n, values.size());
            } catch (ArithmeticException huge) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** Reads a sweep file; {@code trainOption} says whether {@code --key} is an option of {@code train}. */
    public static SweepSpec read(Path file, Predicate<String> trainOption) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException binary) {
            throw new IllegalArgumentException(file + " is not a sweep file: it is not UTF-8 text (a binary file?); a sweep"
                    + " file has 'key: value, value, ...' lines, see sweeps/*.sweep");
        }
        return parse(text, file.toString(), trainOption);
    }

    /** Parses a sweep's text; errors name {@code source} and the line. */
    public static SweepSpec parse(String text, String source, Predicate<String> trainOption) {
        Map<String, List<String>> shared = new LinkedHashMap<>();
        List<Map<String, List<String>>> blocks = new ArrayList<>();
        Map<String, List<String>> grid = shared;
        Map<String, String> own = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            if (line.equals("---")) {
                if (!blocks.isEmpty() && grid.isEmpty()) {
                    throw new IllegalArgumentException(where + "a grid with no train options between two '---' lines (the"
                            + " sweep's own keys hold for every grid); remove one");
                }
                grid = new LinkedHashMap<>();
                blocks.add(grid);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + "expected 'key: value, value, …', was '" + line + "'");
            }
            String key = line.substring(0, colon).strip().replaceFirst("^--", "");
            List<String> values = new ArrayList<>();
            for (String v : line.substring(colon + 1).split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException(where + key + " has no value");
            }
            List<String> repeated = values.stream().filter(v -> values.indexOf(v) != values.lastIndexOf(v)).distinct().toList();
            if (!repeated.isEmpty()) { // two equal jobs would share one folder
                throw new IllegalArgumentException(where + key + " lists " + String.join(", ", repeated)
                        + " more than once; give each value once");
            }
            if (grid.containsKey(key) || own.containsKey(key)) {
                throw new IllegalArgumentException(where + key + " is given twice; list its values on one line");
            }
            if (grid != shared && shared.containsKey(key)) {
                throw new IllegalArgumentException(where + key + " is set for every grid above the first '---'; set it"
                        + " there or in each grid, not both");
            }
            if (OWN_KEYS.contains(key)) {
                if (values.size() > 1 && !key.equals("seeds")) {
                    throw new IllegalArgumentException(where + key + " takes one value, was " + values);
                }
                own.put(key, String.join(",", values));
            } else if (REFUSED_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + key + " is set by the sweep for every job"
                        + (key.equals("seed") ? "; list seeds with 'seeds:'" : ""));
            } else if (!trainOption.test("--" + key)) {
                throw new IllegalArgumentException(where + "'" + key + "' is not an option of train (see train --help) nor one of "
                        + String.join(", ", OWN_KEYS.stream().sorted().toList()));
            } else {
                grid.put(key, List.copyOf(values));
            }
        }
        if (shared.isEmpty() && own.isEmpty() && blocks.stream().allMatch(Map::isEmpty)) { // else one default 100-epoch job
            throw new IllegalArgumentException(source + " holds no settings; a sweep file has 'key: value, value, ...' lines,"
                    + " see sweeps/*.sweep");
        }
        if (!blocks.isEmpty() && blocks.get(blocks.size() - 1).isEmpty()) {
            throw new IllegalArgumentException(source + ": its last '---' starts a grid with no train options; remove it");
        }
        List<Map<String, List<String>>> grids = new ArrayList<>();
        if (blocks.isEmpty()) {
            grids.add(shared);
        }
        for (Map<String, List<String>> block : blocks) {
            Map<String, List<String>> g = new LinkedHashMap<>(shared);
            g.putAll(block);
            grids.add(g);
        }
        List<Long> seeds = new ArrayList<>();
        for (String s : own.getOrDefault("seeds", "1").split(",")) {
            seeds.add(number(source, "seeds", s));
        }
        if (seeds.stream().distinct().count() < seeds.size()) {
            throw new IllegalArgumentException(source + ": seeds lists " + String.join(", ", seeds.stream()
                    .filter(x -> seeds.indexOf(x) != seeds.lastIndexOf(x)).distinct().map(String::valueOf).toList())
                    + " more than once; give each seed once");
        }
        SweepSpec spec = new SweepSpec(grids, count(source, "epochs", own.getOrDefault("epochs", "100")),
                count(source, "eval-k", own.getOrDefault("eval-k", "1000")),
                count(source, "eval-limit", own.getOrDefault("eval-limit", "0")), seeds);
        java.util.Set<SweepJob> made = new java.util.HashSet<>(); // equal options in any order: the same training
        for (SweepJob job : spec.jobs()) {
            if (!made.add(job)) {
                throw new IllegalArgumentException(source + ": two grids make the same job " + job.id() + "; give it once");
            }
        }
        return spec;
    }

    /** {@code value} as a whole number; a number beyond a long is named, never wrapped. */
    private static long number(String source, String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            boolean digits = value.strip().matches("[+-]?\\d+");
            throw new IllegalArgumentException(source + ": " + key + (digits ? " is out of range" : " must be a whole number")
                    + ", was '" + value.strip() + "'");
        }
    }

    /** An int setting (epochs, eval-k, eval-limit): a value an int cannot hold is refused by name, not cast. */
    private static int count(String source, String key, String value) {
        long n = number(source, key, value);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(source + ": " + key + " must be at most " + Integer.MAX_VALUE + ", was " + n);
        }
        return (int) n;
    }

    /** Every combination of each grid in turn, once per seed: the first key varies slowest, the seeds fastest. */
    public List<SweepJob> jobs() {
        List<SweepJob> jobs = new ArrayList<>();
        for (Map<String, List<String>> grid : grids) {
            jobs.addAll(jobs(grid));
        }
        return jobs;
    }

    private List<SweepJob> jobs(Map<String, List<String>> grid) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : e.getValue()) {
                    Map<String, String> d = new LinkedHashMap<>(c);
                    d.put(e.getKey(), v);
                    next.add(d);
                }
            }
            combos = next;
        }
        List<SweepJob> jobs = new ArrayList<>();
        for (Map<String, String> c : combos) {
            for (long seed : seeds) {
                jobs.add(new SweepJob(c, seed));
            }
        }
        return jobs;
    }
}
