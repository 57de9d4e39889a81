package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs laid out as the paper's Table 1: the right cell for the paper's models, none for the others, the paper's figures. */
class PaperTableTest {
    @TempDir
    Path dir;

    @Test
    void thePapersModelsHaveACellOthersNone() {
        ModelSpec vimco5 = ResultsRootFixture.paperSpec(Architecture.NONLINEAR_TWO, 5, "vimco");
        assertEquals(Optional.of(new PaperTable.Place("density", Architecture.NONLINEAR_TWO, new PaperTable.Column(5, "vimco"))),
                PaperTable.placeOf(vimco5));
        assertEquals("VIMCO", PaperTable.placeOf(vimco5).get().column().estimatorLabel());
        assertTrue(PaperTable.placeOf(ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 1, "nvil")).isPresent());
        assertTrue(PaperTable.placeOf(ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 1, "straight-through")).isEmpty(),
                "straight-through is not in the table");
        assertTrue(PaperTable.placeOf(ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 2, "concrete")).isEmpty(), "m = 2");
        ModelSpec narrow = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 200, 2.0 / 3, 0.5, 1, 1e-3);
        assertTrue(PaperTable.placeOf(narrow).isEmpty(), "16 units, not the paper's 200");
        ModelSpec corners = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 120, 4, 0, 200, 1, 2.0 / 3, 1, 1e-3);
        assertTrue(PaperTable.placeOf(corners).isEmpty(), "n-ary latents are the paper's other comparison");
        ModelSpec linearOtherHidden = new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 200, 2, 0, 16, 2.0 / 3, 0.5, 1, 1e-3);
        assertTrue(PaperTable.placeOf(linearOtherHidden).isPresent(), "a linear model has no tanh layers to be wide");
    }

    @Test
    void aJobWithoutACheckpointIsPlacedByItsOptions() {
        assertEquals(Optional.of(new PaperTable.Place("density", Architecture.NONLINEAR_ONE, new PaperTable.Column(50, "concrete"))),
                PaperTable.placeOf(Map.of("arch", "200H~784V", "samples", "50", "train-limit", "5000")));
        assertEquals(Optional.of(new PaperTable.Place("density", Architecture.NONLINEAR_ONE, new PaperTable.Column(1, "concrete"))),
                PaperTable.placeOf(Map.of("lr", "3e-4")), "train's defaults: 200H~784V, m = 1, Concrete");
        assertEquals(Optional.of(new PaperTable.Place("density", Architecture.LINEAR_ONE, new PaperTable.Column(1, "nvil"))),
                PaperTable.placeOf(Map.of("arch", "200H-784V", "estimator", "nvil", "hidden", "16")), "a linear model has no tanh layers");
        assertTrue(PaperTable.placeOf(Map.of("units", "16")).isEmpty());
        assertTrue(PaperTable.placeOf(Map.of("latent", "corners")).isEmpty());
        assertTrue(PaperTable.placeOf(Map.of("hidden", "16")).isEmpty());
        assertTrue(PaperTable.placeOf(Map.of("samples", "5", "estimator", "nvil")).isEmpty(), "not a column of the table");
        assertTrue(PaperTable.placeOf(Map.of("arch", "nonsense")).isEmpty());
        ResultsRoot.Job running = new ResultsRoot.Job("arch=200H~784V_samples=50_seed=1", dir,
                Map.of("arch", "200H~784V", "samples", "50"), 1, ResultsRoot.State.RUNNING, Double.NaN, 0, 0, -1, -1, Double.NaN,
                Double.NaN, "", null, "training (no checkpoint yet)");
        PaperTable.Cell cell = PaperTable.layout(List.of(running)).get(0).rows().get(2).cells().get(4);
        assertEquals(List.of(running), cell.jobs());
        assertEquals(Optional.of(ResultsRoot.State.RUNNING), cell.state());
        ResultsRoot.Job invalid = new ResultsRoot.Job("x", dir, Map.of("samples", "50"), 1, ResultsRoot.State.INVALID, Double.NaN, 0, 0,
                -1, -1, Double.NaN, Double.NaN, "", null, "refused");
        assertEquals(0, PaperTable.layout(List.of(invalid)).get(0).filled(), "train refused it: it is no model");
    }

    @Test
    void everyCellHoldsThePapersFigureAndItsJobs() throws Exception {
        ResultsRootFixture.table1(dir);
        ResultsRoot root = ResultsRoot.read(dir);
        List<PaperTable.Section> sections = PaperTable.layout(root.jobs());
        assertEquals(1, sections.size(), "no completion job: density estimation only");
        PaperTable.Section density = sections.get(0);
        assertEquals(24, density.size());
        assertEquals(11, density.filled(), "8 at m = 1, 2 at m = 5 and the failed one");
        assertEquals(List.of("200H-784V", "200H-200H-784V", "200H~784V", "200H~200H~784V"),
                density.rows().stream().map(PaperTable.Row::label).toList());
        for (PaperTable.Row row : density.rows()) {
            for (PaperTable.Cell c : row.cells()) {
                double paper = PaperResults.testNll(ResultsRootFixture.paperSpec(row.architecture(), c.place().column().samples(),
                        c.place().column().estimator())).orElseThrow();
                assertEquals(paper, c.paperNll(), 1e-9, c.place().toString());
            }
        }
        PaperTable.Cell linearNvil = density.rows().get(0).cells().get(1);
        assertEquals(new PaperTable.Column(1, "nvil"), linearNvil.place().column());
        assertEquals(104.4, linearNvil.paperNll(), 1e-9);
        assertEquals(Optional.of(ResultsRoot.State.DONE), linearNvil.state());
        assertEquals(101.5, linearNvil.best().orElseThrow().nll(), 1e-9);
        PaperTable.Cell failed = density.rows().get(0).cells().get(3);
        assertEquals(Optional.of(ResultsRoot.State.FAILED), failed.state());
        assertTrue(failed.best().isEmpty());
        PaperTable.Cell notRun = density.rows().get(3).cells().get(5);
        assertEquals(new PaperTable.Column(50, "vimco"), notRun.place().column());
        assertTrue(notRun.jobs().isEmpty() && notRun.state().isEmpty());
        assertEquals(85.5, notRun.paperNll(), 1e-9);
    }

    @Test
    void aCompletionJobAddsTheStructuredPredictionSection() {
        ModelSpec completion = new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 240, 2, 0, 240, 2.0 / 3, 0.5, 1, 1e-3,
                "concrete", "completion");
        ResultsRoot.Job job = new ResultsRoot.Job("task=completion_seed=1", dir, Map.of("task", "completion"), 1,
                ResultsRoot.State.DONE, 60.2, 1000, 10000, 800, 800, 3600, 58.5, completion.describe(), completion, "");
        List<PaperTable.Section> sections = PaperTable.layout(List.of(job));
        assertEquals(2, sections.size());
        PaperTable.Section s = sections.get(1);
        assertEquals("completion", s.task());
        assertEquals("392V-240H-240H-392V", s.rows().get(1).label());
        PaperTable.Cell cell = s.rows().get(1).cells().get(0);
        assertEquals(List.of(job), cell.jobs());
        assertEquals(58.5, cell.paperNll(), 1e-9);
        assertEquals(54.3, s.rows().get(1).cells().get(2).paperNll(), 1e-9, "Figure 4's table: m = 5, Concrete");
        assertEquals(51.8, s.rows().get(1).cells().get(5).paperNll(), 1e-9, "Figure 4's table: m = 50, VIMCO");
        assertTrue(Double.isNaN(s.rows().get(3).cells().get(0).paperNll()), "the paper ran no non-linear completion model");
        assertEquals(0, sections.get(0).filled());
        assertEquals(6, s.paperCells(), "Figure 4's table: one architecture, m = 1, 5, 50, two estimators");
        assertEquals(1, s.paperCellsFilled());
        assertEquals(0, s.otherCellsFilled());
        assertEquals(List.of("392V-240H-240H-392V"), s.shownRows().stream().map(PaperTable.Row::label).toList(),
                "the architectures the paper did not run, with no job, are not shown as cells to fill");
        assertEquals(4, sections.get(0).shownRows().size(), "density estimation: the paper ran all four");
        assertEquals(24, sections.get(0).paperCells());
    }

    @Test
    void aJobOfAModelThePaperDidNotRunShowsItsRowAndCountsApart() {
        ModelSpec nonlinear = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 240, 2, 0, 240, 2.0 / 3, 0.5, 1,
                1e-3, "concrete", "completion");
        ResultsRoot.Job job = new ResultsRoot.Job("task=completion_arch=392V~240H~392V_seed=1", dir,
                Map.of("task", "completion", "arch", "392V~240H~392V"), 1, ResultsRoot.State.DONE, 55.0, 1000, 10000, 50, 50,
                300, Double.NaN, nonlinear.describe(), nonlinear, "");
        PaperTable.Section s = PaperTable.layout(List.of(job)).get(1);
        assertEquals(0, s.paperCellsFilled());
        assertEquals(1, s.otherCellsFilled());
        assertEquals(List.of("392V-240H-240H-392V", "392V~240H~392V"),
                s.shownRows().stream().map(PaperTable.Row::label).sorted().toList());
    }
}
