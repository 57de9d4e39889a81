package org.concretelab.ui.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.concretelab.ui.concrete.ConcretePane;

/**
 * Redraw cost of the Concrete pane with 10,000 points and the density heat-map (n = 3): (1) the time of
 * each full redraw (sampling + statistics + heat-map + points) over 200 temperatures, and (2) the frame
 * interval while λ changes on every frame, as when a slider is dragged. Run under a display.
 */
public final class ConcreteRedrawBenchmark {
    public static void main(String[] args) throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        AtomicReference<ConcretePane> ref = new AtomicReference<>();
        Platform.startup(() -> {
            ConcretePane pane = new ConcretePane();
            Stage stage = new Stage();
            stage.setScene(new Scene(pane, 1280, 820));
            stage.show();
            pane.setPointCount(10_000);
            ref.set(pane);
            shown.countDown();
        });
        shown.await();
        Thread.sleep(1500);
        ConcretePane pane = ref.get();
        FrameGaps redraws = new FrameGaps();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            for (int warm = 0; warm < 50; warm++) {
                pane.lambdaProperty().set(0.05 + warm * 0.1);
            }
            for (int i = 0; i < 200; i++) {
                double lambda = Math.pow(10, Math.log10(10) - i * (Math.log10(10) - Math.log10(0.05)) / 199);
                pane.lambdaProperty().set(lambda); // triggers one full redraw
                redraws.add(pane.lastRedrawMillisProperty().get());
            }
            done.countDown();
        });
        done.await();
        FrameGaps frames = new FrameGaps();
        CountDownLatch animated = new CountDownLatch(1);
        Platform.runLater(() -> new AnimationTimer() {
            private long last;
            private int frame;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    frames.add((now - last) / 1e6);
                }
                last = now;
                pane.lambdaProperty().set(Math.pow(10, Math.sin(frame++ / 30.0) * 1.1 - 0.2));
                if (frame > 300) {
                    stop();
                    animated.countDown();
                }
            }
        }.start());
        animated.await();
        System.out.println("ConcretePane, n = 3, 10,000 points, density heat-map on, window 1280×820");
        System.out.println(redraws.summary("full redraw"));
        System.out.println(frames.summary("frame interval while λ changes every frame"));
        Platform.exit();
        System.exit(0);
    }
}
