package org.concretelab.ui.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.AbstractAxis;
import io.fair_acc.chartfx.axes.spi.TickMark;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.gradients.EstimatorResult;
import org.concretelab.gradients.GradientComparison;
import org.concretelab.gradients.toy.ToyEstimators;
import org.concretelab.gradients.toy.ToyProblem;
import org.concretelab.model.VaeModel;
import org.concretelab.data.Datasets;
import org.concretelab.model.VaeModels;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.train.Trainer;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Gradients tab on the shipped model: a small comparison fills the table and the charts; Cancel stops one. */
@ExtendWith(ApplicationExtension.class)
class GradientsPaneTest {
    static VaeModel shipped;
    static float[] images;
    private GradientsPane pane;

    @BeforeAll
    static void load() {
        AppContext context = AppContext.standard();
        shipped = VaeModels.restore(context.shippedModel().orElseThrow().model());
        images = MinibatchIterator.fixedBinarized(context.data().join().test().limit(10), Trainer.EVALUATION_SEED);
    }

    @Start
    void start(Stage stage) {
        pane = new GradientsPane(new GradientsViewModel(GradientsViewModel.daemonPool(), Platform::runLater));
        pane.viewModel().testImagesProperty().set(new TestImages(Datasets.MNIST, images));
        pane.viewModel().shippedModelProperty().set(shipped);
        stage.setScene(new Scene(pane, 1260, 760)); // within Monocle's 1280×800 headless screen (wider overflowed its framebuffer)
        stage.show();
    }

    private GradientsViewModel vm() {
        return pane.viewModel();
    }

    @Test
    void aSmallComparisonFillsTheTableAndTheCharts(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm().drawsProperty().set(10);
            vm().imagesProperty().set(2);
            vm().referenceDrawsProperty().set(500);
        });
        TableView<?> table = robot.lookup("#gradients-table").queryAs(TableView.class);
        assertTrue(table.getItems().isEmpty());
        assertEquals(Estimators.names(), vm().estimatorNames(), "the chart's axis names the estimators before a run");
        robot.clickOn("#gradients-run");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm().runningProperty().get());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Estimators.names().size(), table.getItems().size(), vm().statusProperty().get());
        // every row in view: the table has no vertical scroll bar to hide one behind
        assertTrue(table.lookupAll(".scroll-bar").stream().noneMatch(b -> b.isVisible()
                && ((javafx.scene.control.ScrollBar) b).getOrientation() == javafx.geometry.Orientation.VERTICAL),
                "a row is hidden behind the table's scroll bar");
        for (int i = 0; i < Estimators.names().size(); i++) {
            EstimatorResult r = vm().rows().get(i);
            assertEquals(Estimators.names().get(i), r.estimator());
            assertEquals(10, r.draws());
            assertTrue(r.variance() > 0, r.toString());
        }
        assertTrue(vm().statusProperty().get().contains("N = 10"), vm().statusProperty().get());
        assertEquals(Estimators.names().size(), vm().pointSets().get(0).getDataCount(), "a variance point per estimator");
        long swept = Estimators.names().stream().filter(GradientComparison::swept).count(); // relaxed ones, REBAR, RELAX
        assertEquals(3 * swept, vm().sweepSets().size(), "variance, bias² and floor per swept estimator");
        javafx.scene.layout.FlowPane key = robot.lookup("#gradients-sweep-key").queryAs(javafx.scene.layout.FlowPane.class);
        assertEquals(swept + 1, key.getChildren().size(), "the sweep's key: a coloured name per swept estimator, then the line styles");
        Label verdict = robot.lookup("#gradients-verdict").queryAs(Label.class);
        assertTrue(verdict.isVisible() && verdict.getText().startsWith("At λ1 = 0.667 the "), "the comparison in words: " + verdict.getText());
        assertEquals(12, vm().sweepSets().get(0).getDataCount(), "12 temperatures");
        assertEquals(2.0 / 3.0, vm().modelLambdaProperty().get(), 1e-6, "the model's λ1 is marked");
        assertFalse(robot.lookup("#gradients-run").queryAs(Button.class).isDisabled(), "Run is enabled again");

        // issue 28: NVIL's bias against s · reference in its own column, "–" for the others; every row whose noise floor is
        // above the signal marked (at N = 10 most are), styled and named in the verdict's warning
        javafx.scene.control.TableColumn<?, ?> floor = column(table, "± floor");
        javafx.scene.control.TableColumn<?, ?> scaled = column(table, "Bias² vs s·ref");
        int marked = 0;
        for (int i = 0; i < table.getItems().size(); i++) {
            EstimatorResult r = vm().rows().get(i);
            String f = (String) floor.getCellObservableValue(i).getValue();
            String sc = (String) scaled.getCellObservableValue(i).getValue();
            assertEquals(r.estimator().equals("nvil"), r.rescaled(), r.toString());
            assertEquals(r.rescaled(), !sc.equals("–"), r.estimator() + ": " + sc);
            boolean mark = (r.rescaled() ? sc : f).endsWith("≥ signal");
            assertEquals(r.floorAboveSignal(), mark, r + ": " + f + " | " + sc);
            marked += mark ? 1 : 0;
            if (r.floorAboveSignal()) {
                assertTrue(verdict.getText().contains(r.samples() > 1 ? r.estimator() + " (m = " + r.samples() + ")" : r.estimator()),
                        r.estimator() + " is named in the warning: " + verdict.getText());
            }
        }
        assertTrue(marked > 0, "at N = 10 some floor is above the signal");
        assertEquals(marked, table.lookupAll(".table-cell.above-signal").size(), "each marked cell is styled as a warning");
        assertTrue(verdict.getText().contains("noise floor above |g|²/d, so"), verdict.getText());
    }

    private static javafx.scene.control.TableColumn<?, ?> column(TableView<?> table, String title) {
        return table.getColumns().stream().filter(c -> title.equals(c.getText())
                || c.getGraphic() instanceof Label l && title.equals(l.getText())).findFirst().orElseThrow(() -> new AssertionError(title));
    }

    /** Issue 25: switching the model clears the results computed on the other one; they are named while shown. */
    @Test
    void resultsGoWhenTheModelChangesAndSayWhichModelTheyBelongTo(FxRobot robot) throws Exception {
        VaeModel loaded = VaeModels.restore(shipped.state()); // another model: it is another object
        robot.interact(() -> {
            vm().drawsProperty().set(10);
            vm().imagesProperty().set(1);
            vm().referenceDrawsProperty().set(200);
            vm().loadedModelProperty().set(loaded);
        });
        assertEquals(GradientsViewModel.Source.LOADED, vm().sourceProperty().get());
        robot.clickOn("#gradients-run");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm().runningProperty().get());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm().rows().isEmpty(), vm().statusProperty().get());
        javafx.scene.control.Label resultsFor = robot.lookup("#gradients-results-for").queryAs(javafx.scene.control.Label.class);
        assertEquals("Results for " + shipped.spec().describe() + " (loaded checkpoint)", resultsFor.getText());

        robot.interact(() -> vm().sourceProperty().set(GradientsViewModel.Source.SHIPPED));
        assertTrue(vm().rows().isEmpty(), "the loaded model's rows are not the shipped model's");
        assertTrue(vm().sweepSets().isEmpty(), "nor its curves across λ1");
        assertTrue(vm().pointSets().stream().allMatch(d -> d.getDataCount() == 0));
        assertEquals(null, vm().resultProperty().get());
        assertFalse(resultsFor.isVisible());
        String status = vm().statusProperty().get();
        assertTrue(status.startsWith("Results cleared: they were computed on " + shipped.spec().describe() + " (loaded checkpoint)"),
                status);
        assertEquals(shipped.temperatures()[0], vm().modelLambdaProperty().get(), 1e-9, "the marker is the shipped model's");
    }

    @Test
    void cancelStopsARunningComparison(FxRobot robot) throws Exception {
        robot.interact(() -> vm().referenceDrawsProperty().set(100_000));
        robot.clickOn("#gradients-run");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm().runningProperty().get());
        // under way (it has reported progress), and a 100,000-draw reference is far from done
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm().progressProperty().get() > 0 || !vm().runningProperty().get());
        assertTrue(vm().runningProperty().get(), "a 100,000-draw reference takes a while");
        robot.clickOn("#gradients-cancel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cancelled.", vm().statusProperty().get());
        assertTrue(vm().rows().isEmpty(), "no results from a cancelled run");
        assertFalse(robot.lookup("#gradients-run").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#gradients-cancel").queryAs(Button.class).isDisabled());
    }

    @Test
    void theToyRedrawsAsThetaAndLambdaMove(FxRobot robot) throws Exception {
        robot.interact(() -> pane.showToy(true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().toyVersionProperty().get() > 0);
        long before = vm().toyVersionProperty().get();
        robot.interact(() -> {
            vm().thetaProperty().set(-1.5);
            vm().lambdaProperty().set(0.1);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().toyVersionProperty().get() > before
                && Math.abs(vm().exactGradientProperty().get() - new ToyProblem().exactGradient(-1.5)) < 1e-15);
        WaitForAsyncUtils.waitForFxEvents();
        ToyProblem toy = new ToyProblem();
        for (ToyView v : vm().toyViews()) {
            assertEquals(ToyExplorer.BINS, v.histogram().getDataCount(), v.estimator().label());
            double total = 0;
            for (int i = 0; i < v.histogram().getDataCount(); i++) {
                total += v.histogram().get(1, i);
            }
            assertTrue(total > 0.95 * vm().toyDrawsProperty().get(), "nearly every estimate on the chart: " + total);
            assertEquals(toy.expectedEstimate(v.estimator(), -1.5, 0.1), v.expectedProperty().get(), 1e-12);
            double[] range = v.rangeProperty().get();
            assertTrue(range[0] < toy.exactGradient(-1.5) && toy.exactGradient(-1.5) < range[1], "the exact value is on the chart");
        }
        assertTrue(vm().toyViews().get(ToyEstimators.all().indexOf(ToyEstimators.CONCRETE)).titleProperty().get().contains("λ = 0.1"));
        assertTrue(robot.lookup("#toy-chart-straight-through").tryQuery().isPresent());
    }

    /** Issue 28: one x range and the same bin edges for every histogram, so that their widths compare at a glance. */
    @Test
    void theToyHistogramsShareOneXAxisAndTheSameBinEdges(FxRobot robot) throws Exception {
        robot.interact(() -> pane.showToy(true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().toyVersionProperty().get() > 0);
        long before = vm().toyVersionProperty().get();
        robot.interact(() -> vm().lambdaProperty().set(0.3)); // relaxed spreads far from the score function's
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().toyVersionProperty().get() > before);
        WaitForAsyncUtils.waitForFxEvents();
        io.fair_acc.chartfx.axes.Axis first = null;
        ToyView firstView = vm().toyViews().get(0);
        for (ToyView v : vm().toyViews()) {
            XYChart chart = robot.lookup("#toy-chart-" + v.estimator().id()).queryAs(XYChart.class);
            io.fair_acc.chartfx.axes.Axis x = chart.getXAxis();
            first = first == null ? x : first;
            assertEquals(first.getMin(), x.getMin(), 0, v.estimator().id() + ": the x axis' lower end");
            assertEquals(first.getMax(), x.getMax(), 0, v.estimator().id() + ": the x axis' upper end");
            assertEquals(firstView.rangeProperty().get()[0], v.rangeProperty().get()[0], 0, v.estimator().id());
            assertEquals(firstView.rangeProperty().get()[1], v.rangeProperty().get()[1], 0, v.estimator().id());
            for (int i = 0; i < v.histogram().getDataCount(); i++) {
                assertEquals(firstView.histogram().get(0, i), v.histogram().get(0, i), 0, v.estimator().id() + ": bin " + i);
            }
        }
        assertEquals(firstView.rangeProperty().get()[0], first.getMin(), 0, "the axis is the histograms' range");
    }

    @Test
    void everyRegisteredToyEstimatorHasAPanelWhoseTickLabelsFit(FxRobot robot) throws Exception {
        robot.interact(() -> pane.showToy(true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().toyVersionProperty().get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ToyEstimators.all().size(), vm().toyViews().size());
        for (var e : ToyEstimators.all()) {
            XYChart chart = robot.lookup("#toy-chart-" + e.id()).queryAs(XYChart.class);
            assertTrue(chart.getWidth() > 0, e.id() + " is laid out");
            Region x = (Region) chart.getXAxis();
            double widest = 0;
            for (TickMark t : ((AbstractAxis) x).getTickMarks()) {
                widest = t.isVisible() ? Math.max(widest, t.getWidth()) : widest;
            }
            // a tick label is centred on its tick and the chart clips what passes its edge: one at the axis' right end
            // must fit (the range ends where the histogram does, often on a tick: "0.055" read "0.05")
            double axisEnd = x.localToScene(x.getWidth(), 0).getX();
            double edge = chart.localToScene(chart.getLayoutBounds()).getMaxX();
            assertTrue(widest > 0, e.id() + " has tick labels");
            assertTrue(axisEnd + widest / 2 <= edge + 0.5, e.id() + ": a " + widest + " px label at the axis' end " + axisEnd
                    + " passes the chart's edge " + edge);
        }
    }
}
