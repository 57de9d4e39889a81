package org.concretelab.ui.results;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.concretelab.sweep.PaperTable;
import org.concretelab.sweep.ResultsRoot;

/**
 * The Results tab's words and orders: a Table 1 cell as text, the root's summary and how its figures were measured,
 * and the natural order of option values (numbers by value, then text).
 */
public final class ResultsText {
    /** A Table 1 cell as shown: our figure (or why there is none), the paper's with the difference, a style, a tooltip. */
    public record CellText(String ours, String paper, String style, String tooltip) {
    }

    private ResultsText() {
    }

    /** How a Table 1 cell reads: our best figure (or not run / running / …), the paper's with our difference. */
    public static CellText cellText(PaperTable.Cell cell) {
        double paper = cell.paperNll();
        String paperText = Double.isNaN(paper) ? "paper: —" : String.format(Locale.ROOT, "paper %.1f", paper);
        Optional<ResultsRoot.Job> best = cell.best();
        String tip = cell.jobs().isEmpty() ? "No job of this model in the root."
                : cell.jobs().stream().map(j -> j.id() + ": " + j.state().label()
                        + (Double.isNaN(j.nll()) ? "" : String.format(Locale.ROOT, ", test NLL %.2f (k = %d, %d epochs)", j.nll(), j.k(), j.epochs()))
                        + (j.note().isEmpty() ? "" : " — " + j.note()))
                .collect(Collectors.joining("\n"));
        if (best.isPresent()) {
            double nll = best.get().nll();
            long done = cell.done();
            String ours = String.format(Locale.ROOT, "%.2f", nll) + (done > 1 ? " (best of " + done + ")" : "");
            String diff = Double.isNaN(paper) ? "" : String.format(Locale.ROOT, " (%+.1f)", nll - paper);
            return new CellText(ours, paperText + diff, "done", tip);
        }
        Optional<ResultsRoot.State> state = cell.state();
        if (state.isEmpty()) {
            return new CellText("— not run", paperText, "missing", Double.isNaN(paper) ? tip
                    : tip + "\nThe paper reports " + String.format(Locale.ROOT, "%.1f", paper) + " nats for this model.");
        }
        String ours = state.get().label();
        if (state.get() == ResultsRoot.State.RUNNING) { // how far the furthest running job has got
            Optional<ResultsRoot.Job> furthest = cell.jobs().stream()
                    .filter(j -> j.state() == ResultsRoot.State.RUNNING && j.epochs() >= 0 && j.epochsAsked() > 0)
                    .max(java.util.Comparator.comparingInt(ResultsRoot.Job::epochs));
            if (furthest.isPresent()) {
                ours = "running · " + furthest.get().epochs() + "/" + furthest.get().epochsAsked(); // epochs trained (the tooltip says so)
            }
        }
        return new CellText(ours, paperText, state.get().label(), tip);
    }

    /** Values in their natural order: numbers by value, the rest as text. */
    static List<String> sortedValues(Set<String> values) {
        List<String> out = new ArrayList<>(values);
        out.sort(ResultsText::compareValues);
        return out;
    }

    /** Numbers by value (before text), text alphabetically: the order of an option's column and choice. */
    static int compareValues(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareToIgnoreCase(b);
    }

    private static Double number(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String summary(ResultsRoot r) {
        List<String> parts = new ArrayList<>();
        for (ResultsRoot.State s : ResultsRoot.State.values()) {
            long n = r.count(s);
            if (n > 0) {
                parts.add(n + " " + s.label());
            }
        }
        String noun = r.runsFolder() ? " run" : " job";
        String jobs = r.jobs().size() + noun + (r.jobs().size() == 1 ? "" : "s") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
        String sweep = r.runsFolder() ? "a folder of training runs: no sweep, so no results.csv and no test NLL (eval scores a run's checkpoint)"
                : r.sweepRunning() ? "a sweep is running here"
                : r.tableWritten() ? "results.csv written" : "no results.csv yet (the sweep writes it when every job has ended)";
        return jobs + " · " + sweep + " · read at " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    /**
     * A section's title with how much of the paper's table has a job: "… · 4 of the paper's 6 cells with a job" (and
     * ", 1 other model" when jobs trained models the paper did not run).
     */
    static String sectionTitle(org.concretelab.sweep.PaperTable.Section s) {
        long others = s.otherCellsFilled();
        return s.title() + " · " + s.paperCellsFilled() + " of the paper's " + s.paperCells() + " cells with a job"
                + (others == 0 ? "" : ", " + others + (others == 1 ? " other model" : " other models"));
    }

    /** How our figures were measured (k, test images, epochs), beside the paper's protocol. */
    static String tableNote(List<ResultsRoot.Job> jobs) {
        List<ResultsRoot.Job> done = jobs.stream().filter(j -> j.state() == ResultsRoot.State.DONE).toList();
        String paper = "The paper: 10⁷ steps at batch 64, k = 50,000 on all 10,000 test images.";
        String how = "In a cell: our test NLL in bold (the best run of that model), below it the paper's and our difference"
                + " (nats; lower is better). Cells with no job are marked \"not run\".";
        boolean completion = jobs.stream().anyMatch(j -> "completion".equals(j.options().get("task"))
                || j.spec() != null && "completion".equals(j.spec().task()));
        if (completion) { // its figures' protocol differs (docs/results.md)
            paper += " Structured prediction: the paper's figures (its Figure 4 table) are at k = 100, higher than an"
                    + " estimate at our k would be, after training with weight decay 10⁻³ at a learning rate of 3·10⁻⁴.";
        }
        long oldCentring = jobs.stream().filter(j -> j.spec() != null
                && j.spec().centring() == org.concretelab.model.Centring.EVERY_READER).count();
        if (oldCentring > 0) { // the same "ema-centring: true" meant another model before 2026-12-07 12:50 UTC
            how += "\n\n" + oldCentring + (oldCentring == 1 ? " job here was" : " jobs here were") + " trained with the EMA"
                    + " centring of builds before 2026-12-07 12:50 UTC: every network reading a stochastic layer, the decoder too —"
                    + " not the paper's, which centres the inference networks' inputs only.";
        }
        if (done.isEmpty()) {
            return how + "\n\nOurs: none done yet.\n" + paper;
        }
        return how + "\n\nOurs: k = " + range(done, ResultsRoot.Job::k) + " on " + range(done, ResultsRoot.Job::images)
                + " test images after " + range(done, ResultsRoot.Job::epochs) + " epochs.\n" + paper
                + "\n\nClick a cell to select its job below; double-click to open its curves in the Training tab.";
    }

    private static String range(List<ResultsRoot.Job> jobs, java.util.function.ToIntFunction<ResultsRoot.Job> f) {
        TreeSet<Integer> v = jobs.stream().map(f::applyAsInt).collect(Collectors.toCollection(TreeSet::new));
        return v.size() == 1 ? String.format(Locale.ROOT, "%,d", v.first())
                : String.format(Locale.ROOT, "%,d–%,d", v.first(), v.last());
    }
}
