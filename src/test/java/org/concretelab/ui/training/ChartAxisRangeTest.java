package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Training tab's charts show every point: with a short validation chart (one tick on the y axis) the rounded
 * auto-range cut the highest curve off — log p(x) = −NLL was drawn above the plot on a collapsed run (values of that
 * run's epochs.csv below) and on the README's screenshot of a live run.
 */
@ExtendWith(ApplicationExtension.class)
class ChartAxisRangeTest {
    private XYChart chart;
    private final DoubleDataSet relaxed = new DoubleDataSet("relaxed", 8);
    private final DoubleDataSet discrete = new DoubleDataSet("discrete", 8);
    private final DoubleDataSet logLikelihood = new DoubleDataSet("log p(x)", 8);

    @Start
    void start(Stage stage) {
        DefaultNumericAxis[] axes = ChartsImage.axes();
        chart = ChartsImage.dress(new XYChart(axes[0], axes[1]), relaxed, discrete, logLikelihood);
        double[][] rows = {{100, -266.0428, -202.3511, -201.7743}, {200, -266.2363, -202.6121, -202.1948},
                {300, -266.4364, -202.8546, -202.5744}, {400, -266.0937, -202.5433, -202.2925},
                {500, -265.7573, -202.2188, -201.9834}, {600, -265.7248, -202.2046, -201.9874}};
        for (double[] r : rows) {
            relaxed.add(r[0], r[1]);
            discrete.add(r[0], r[2]);
            logLikelihood.add(r[0], r[3]);
        }
        stage.setScene(new Scene(chart, 840, 230)); // the validation chart's size in a 1366×768 screen's window
        stage.show();
    }

    @Test
    void theYAxisHoldsEveryPoint(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        double min = chart.getYAxis().getMin();
        double max = chart.getYAxis().getMax();
        for (DoubleDataSet ds : new DoubleDataSet[] {relaxed, discrete, logLikelihood}) {
            for (int i = 0; i < ds.getDataCount(); i++) {
                double y = ds.get(1, i);
                assertTrue(y >= min && y <= max, ds.getName() + " point " + i + " (" + y + ") outside the axis " + min + ".." + max);
            }
        }
    }
}
