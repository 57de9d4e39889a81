package org.concretelab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.concretelab.train.AtomicFiles;

/**
 * A sweep's results as one table, a row per job in grid order: its options (blank where its grid does not set one),
 * seed, status, test NLL with its k and images, epochs, wall times and the paper's figure beside it. Written as
 * {@value #CSV} and {@value #MARKDOWN} in the results root (atomically), rewritten whole after every run of the sweep.
 */
public final class ResultsTable {
    public static final String CSV = "results.csv";
    public static final String MARKDOWN = "results.md";

    private ResultsTable() {
    }

    public static void write(Path root, SweepSpec spec, List<SweepJob> jobs, List<JobResult> results) throws IOException {
        AtomicFiles.write(root.resolve(CSV), out -> out.write(csv(spec, jobs, results).getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(root.resolve(MARKDOWN), out -> out.write(markdown(spec, jobs, results).getBytes(StandardCharsets.UTF_8)));
    }

    static String csv(SweepSpec spec, List<SweepJob> jobs, List<JobResult> results) {
        List<String> header = new ArrayList<>(List.of("job"));
        header.addAll(spec.keys());
        header.addAll(List.of("seed", "status", "test_nll", "k", "images", "epochs", "train_s", "eval_s", "paper_nll", "model",
                "message"));
        StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < jobs.size(); i++) {
            SweepJob job = jobs.get(i);
            JobResult r = results.get(i);
            List<String> row = new ArrayList<>(List.of(job.id()));
            spec.keys().forEach(key -> row.add(job.options().getOrDefault(key, "")));
            row.addAll(List.of(Long.toString(job.seed()), r.status().name().toLowerCase(Locale.ROOT), number(r.nll(), 4),
                    Integer.toString(r.k()), Integer.toString(r.images()), Integer.toString(r.epochs()), number(r.trainSeconds(), 1),
                    number(r.evalSeconds(), 1), number(r.paperNll(), 1), r.model(), r.message()));
            b.append(String.join(",", row.stream().map(ResultsTable::quoted).toList())).append('\n');
        }
        return b.toString();
    }

    static String markdown(SweepSpec spec, List<SweepJob> jobs, List<JobResult> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Sweep results: %d jobs, %d epochs each, test NLL in nats with k = %d on %s test"
                + " images (fixed binarization); the paper's figure (10⁷ steps, k = 50,000) where it has one.%n%n", jobs.size(),
                spec.epochs(), spec.evalK(), spec.evalLimit() == 0 ? "all" : "the first " + spec.evalLimit()));
        List<String> header = new ArrayList<>(spec.keys());
        header.addAll(List.of("seed", "test NLL", "paper", "epochs", "training", "status"));
        b.append("| ").append(String.join(" | ", header)).append(" |\n");
        b.append("|").append("---|".repeat(header.size())).append('\n');
        for (int i = 0; i < jobs.size(); i++) {
            SweepJob job = jobs.get(i);
            JobResult r = results.get(i);
            List<String> row = new ArrayList<>();
            spec.keys().forEach(key -> row.add(job.options().getOrDefault(key, "")));
            row.add(Long.toString(job.seed()));
            row.add(Double.isNaN(r.nll()) ? "–" : String.format(Locale.ROOT, "**%.2f**", r.nll()));
            row.add(Double.isNaN(r.paperNll()) ? "–" : String.format(Locale.ROOT, "%.1f", r.paperNll()));
            row.add(r.status() == JobResult.Status.DONE ? Integer.toString(r.epochs()) : "–");
            row.add(r.trainSeconds() > 0 ? String.format(Locale.ROOT, "%.0f s", r.trainSeconds()) : "–");
            row.add(r.status() == JobResult.Status.DONE ? "done" : Describe.outcome(r).replace("|", "/"));
            b.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return b.toString();
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String quoted(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n")
                ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
