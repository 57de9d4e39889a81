package org.concretelab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One configuration of a sweep: {@code train} options and a seed. Its {@link #id()} names its run folder, so the
 * same job finds its own checkpoint when a sweep is run again. Serializable: an engine may ship jobs to other machines.
 *
 * @param options train options without dashes → value, in the grid's order
 * @param seed    the training seed
 */
public record SweepJob(Map<String, String> options, long seed) implements java.io.Serializable {
    public SweepJob {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * The folder name: {@code key=value} pairs joined by {@code _}, then the seed (e.g.
     * {@code arch=200H~784V_samples=5_seed=1}); characters a file name should not hold become {@code -}.
     */
    public String id() {
        StringBuilder b = new StringBuilder();
        options.forEach((k, v) -> b.append(k).append('=').append(v).append('_'));
        b.append("seed=").append(seed);
        return b.toString().replaceAll("[^A-Za-z0-9=~._+-]", "-");
    }

    /** How progress lines name the job: {@code [3/24] arch=200H~784V_seed=1} for the third of 24 (index 2). */
    public String tag(int index, int count) {
        return String.format(Locale.ROOT, "[%d/%d] %s", index + 1, count, id());
    }

    /** The {@code train} arguments of a fresh run into {@code dir}. */
    public List<String> trainArgs(Path dir, int epochs) {
        List<String> args = new ArrayList<>(List.of("train"));
        options.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        args.addAll(List.of("--seed", Long.toString(seed), "--epochs", Integer.toString(epochs), "--out", dir.toString(),
                "--quiet"));
        return args;
    }
}
