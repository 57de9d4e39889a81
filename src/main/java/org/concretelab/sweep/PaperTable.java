package org.concretelab.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.PaperResults;
import org.concretelab.model.estimator.ConcreteRelaxation;
import org.concretelab.model.estimator.Nvil;
import org.concretelab.model.estimator.Vimco;
import org.concretelab.model.task.Completion;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Tasks;

/**
 * A results root's jobs laid out like the paper's Table 1: per task, a row per architecture and a column per m ∈ {1, 5,
 * 50} × estimator (Concrete, and the score-function estimator of the paper's day: NVIL at m = 1, VIMCO at m > 1), each
 * cell holding the paper's figure ({@link PaperResults}) and the jobs that trained that model. A job belongs in a cell
 * when the model its checkpoint records is the paper's: binary latents of the paper's width (200 units; 240 for
 * structured prediction), no Gaussian units, tanh layers as wide as the stochastic ones. Other models (n-ary latents,
 * other widths) are not in Table 1 and stay in the list of jobs only. A job with no checkpoint yet (in its first epoch,
 * or failed before one) is placed by its grid options, when they name no other model than the paper's.
 */
public final class PaperTable {
    /** The paper's numbers of samples m. */
    public static final List<Integer> SAMPLES = List.of(1, 5, 50);

    private PaperTable() {
    }

    /** A column: m and the estimator. */
    public record Column(int samples, String estimator) {
        /** The estimator as the paper names it: Concrete, NVIL, VIMCO. */
        public String estimatorLabel() {
            return switch (estimator) {
                case ConcreteRelaxation.NAME -> "Concrete";
                case Nvil.NAME -> "NVIL";
                case Vimco.NAME -> "VIMCO";
                default -> estimator;
            };
        }
    }

    /** Where a model sits: its task, its architecture and its column. */
    public record Place(String task, Architecture architecture, Column column) {
    }

    /**
     * One cell: the paper's figure (NaN when the paper has none) and the jobs of its model.
     */
    public record Cell(Place place, double paperNll, List<ResultsRoot.Job> jobs) {
        public Cell {
            jobs = List.copyOf(jobs);
        }

        /** The done job with the lowest test NLL, if any is done. */
        public Optional<ResultsRoot.Job> best() {
            return jobs.stream().filter(j -> j.state() == ResultsRoot.State.DONE && !Double.isNaN(j.nll()))
                    .min(Comparator.comparingDouble(ResultsRoot.Job::nll));
        }

        /** The jobs done. */
        public long done() {
            return jobs.stream().filter(j -> j.state() == ResultsRoot.State.DONE).count();
        }

        /**
         * The cell's state as one: done when a job is done; else running when one runs, queued when one waits; else
         * stopped, failed or invalid as its jobs ended; empty when no job trained this model (not run).
         */
        public Optional<ResultsRoot.State> state() {
            for (ResultsRoot.State s : List.of(ResultsRoot.State.DONE, ResultsRoot.State.RUNNING, ResultsRoot.State.QUEUED,
                    ResultsRoot.State.STOPPED, ResultsRoot.State.FAILED, ResultsRoot.State.INVALID)) {
                if (jobs.stream().anyMatch(j -> j.state() == s)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** A row: an architecture with its label in the task's terms. */
    public record Row(Architecture architecture, String label, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** One task's part of the table. */
    public record Section(String task, String title, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }

        /** Cells with a job in them. */
        public long filled() {
            return cells().filter(c -> !c.jobs().isEmpty()).count();
        }

        /** All its cells. */
        public long size() {
            return cells().count();
        }

        /**
         * The rows to show: those with a paper figure or a job in some cell (structured prediction's grid has four
         * architectures, the paper ran one of them: empty rows would read as cells the table still lacks).
         */
        public List<Row> shownRows() {
            return rows.stream().filter(r -> r.cells().stream().anyMatch(c -> !Double.isNaN(c.paperNll())
                    || !c.jobs().isEmpty())).toList();
        }

        /** The cells the paper has a figure for. */
        public long paperCells() {
            return cells().filter(c -> !Double.isNaN(c.paperNll())).count();
        }

        /** The cells the paper has a figure for that hold a job. */
        public long paperCellsFilled() {
            return cells().filter(c -> !Double.isNaN(c.paperNll()) && !c.jobs().isEmpty()).count();
        }

        /** Cells with a job whose model the paper did not run. */
        public long otherCellsFilled() {
            return cells().filter(c -> Double.isNaN(c.paperNll()) && !c.jobs().isEmpty()).count();
        }

        private java.util.stream.Stream<Cell> cells() {
            return rows.stream().flatMap(r -> r.cells().stream());
        }
    }

    /** The six columns, in the paper's order: for each m, Concrete then its score-function counterpart. */
    public static List<Column> columns() {
        List<Column> out = new ArrayList<>();
        for (int m : SAMPLES) {
            out.add(new Column(m, ConcreteRelaxation.NAME));
            out.add(new Column(m, m == 1 ? Nvil.NAME : Vimco.NAME));
        }
        return out;
    }

    /**
     * The table of {@code jobs}: density estimation always (the paper's Table 1 proper), structured prediction when a job
     * trained a completion model.
     */
    public static List<Section> layout(List<ResultsRoot.Job> jobs) {
        List<Section> out = new ArrayList<>();
        out.add(section(DensityEstimation.NAME, "Density estimation: MNIST test NLL (nats)", jobs));
        if (jobs.stream().anyMatch(j -> placeOf(j).filter(p -> Completion.NAME.equals(p.task())).isPresent()
                || j.spec() != null && Completion.NAME.equals(j.spec().task()))) {
            out.add(section(Completion.NAME, "Structured prediction: test NLL of the bottom half given the top (nats)", jobs));
        }
        return out;
    }

    private static Section section(String task, String title, List<ResultsRoot.Job> jobs) {
        List<Row> rows = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            List<Cell> cells = new ArrayList<>();
            for (Column c : columns()) {
                Place place = new Place(task, a, c);
                cells.add(new Cell(place, paperNll(place), jobs.stream().filter(j -> placeOf(j).filter(place::equals).isPresent())
                        .toList()));
            }
            rows.add(new Row(a, label(task, a), cells));
        }
        return new Section(task, title, rows);
    }

    /** The architecture's label in {@code task}'s terms at the paper's width, e.g. 200H~784V or 392V~240H~240H~392V. */
    public static String label(String task, Architecture a) {
        return Tasks.create(task).architectureLabel(a, PaperDefaults.units(task));
    }

    /** The paper's figure for the model of {@code place}, NaN when it has none. */
    public static double paperNll(Place place) {
        try {
            LatentKind binary = LatentKind.BINARY;
            ModelSpec spec = new ModelSpec(place.architecture(), binary, PaperDefaults.units(place.task()), 2, 0,
                    PaperDefaults.hidden(place.task()), PaperDefaults.lambdaPosterior(binary), PaperDefaults.lambdaPrior(binary),
                    place.column().samples(), PaperDefaults.LEARNING_RATE, place.column().estimator(), place.task());
            return PaperResults.testNll(spec).orElse(Double.NaN);
        } catch (IllegalArgumentException notAModel) {
            return Double.NaN;
        }
    }

    /** Where a job sits: by the model its checkpoint records, else (not an invalid job) by its grid options. */
    public static Optional<Place> placeOf(ResultsRoot.Job job) {
        if (job.spec() != null) {
            return placeOf(job.spec());
        }
        return job.state() == ResultsRoot.State.INVALID ? Optional.empty() : placeOf(job.options());
    }

    /**
     * The cell of a job's {@code train} options (keys without dashes, {@link SweepJob#options()}), read with train's
     * defaults: empty when an option makes it another model than the paper's (latent, units, gaussian, hidden, another
     * estimator) or cannot be read.
     */
    public static Optional<Place> placeOf(Map<String, String> options) {
        try {
            String task = options.getOrDefault("task", DensityEstimation.NAME);
            if (!Tasks.names().contains(task) || options.containsKey("straight-through")) {
                return Optional.empty();
            }
            Architecture a = options.containsKey("arch") ? Architecture.parse(options.get("arch"), Tasks.create(task))
                    : PaperDefaults.architecture(task);
            boolean paperModel = options.getOrDefault("latent", "binary").equals("binary")
                    && Integer.parseInt(options.getOrDefault("units", Integer.toString(PaperDefaults.units(task)))) == PaperDefaults.units(task)
                    && Integer.parseInt(options.getOrDefault("gaussian", "0")) == 0
                    && (!a.nonlinear() || Integer.parseInt(options.getOrDefault("hidden",
                            Integer.toString(PaperDefaults.hidden(task)))) == PaperDefaults.hidden(task));
            Column column = new Column(Integer.parseInt(options.getOrDefault("samples", Integer.toString(PaperDefaults.SAMPLES))),
                    options.getOrDefault("estimator", PaperDefaults.ESTIMATOR));
            return paperModel && columns().contains(column) ? Optional.of(new Place(task, a, column)) : Optional.empty();
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** The cell of the paper's table a model of {@code spec} belongs in, if the table has one for it. */
    public static Optional<Place> placeOf(ModelSpec spec) {
        String task = spec.task();
        boolean paperWidth = spec.discreteUnits() == PaperDefaults.units(task)
                && (!spec.architecture().nonlinear() || spec.hiddenUnits() == PaperDefaults.hidden(task));
        if (spec.latentKind() != LatentKind.BINARY || spec.gaussianUnits() != 0 || !paperWidth
                || !SAMPLES.contains(spec.samples())) {
            return Optional.empty();
        }
        Column column = new Column(spec.samples(), spec.estimator());
        return columns().contains(column) ? Optional.of(new Place(task, spec.architecture(), column)) : Optional.empty();
    }
}
