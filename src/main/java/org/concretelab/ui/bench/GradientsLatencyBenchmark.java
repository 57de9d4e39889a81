package org.concretelab.ui.bench;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import org.concretelab.ui.ExplorerApp;
import org.concretelab.ui.gradients.GradientsViewModel;

/**
 * How responsive the FX thread stays while the Gradients tab compares the estimators on the shipped model: opens the
 * real window on that tab, runs one comparison with the tab's defaults (N = 100, 10 images, 10,000 reference draws;
 * {@code -Dbench.sweep=false} without the λ sweep) and records the pulse gaps and the delay of a runLater ping every
 * 10 ms until it ends; then drags the toy's θ for 5 s the same way. Run under a display (e.g. Xvfb);
 * {@code -Dbench.stacks=true} prints the FX thread's stack during any stall over 150 ms.
 */
public final class GradientsLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        if (org.concretelab.platform.NativeEnvironment.relaunchIfNeeded(GradientsLatencyBenchmark.class, args, true)) {
            return;
        }
        ExplorerApp app = BenchWindow.open(1280, 760,
                stage -> ((TabPane) stage.getScene().getRoot().lookup(".tab-pane")).getSelectionModel().select(3));
        GradientsViewModel vm = app.gradients().viewModel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!onFx(() -> vm.canRunProperty().get())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the shipped model or the test images did not load");
            }
            Thread.sleep(100);
        }
        // a person reads the tab before pressing Run: let the window's first layout and CSS passes finish
        long settle = Long.getLong("bench.settleMs", 2000);
        Thread.sleep(settle);
        FrameGaps.watchStalls(150);
        boolean sweep = !"false".equals(System.getProperty("bench.sweep"));
        for (int round = 1; round <= 2; round++) { // the first pays for warming up (JIT, first charts drawn)
            FrameGaps pulses = new FrameGaps();
            FrameGaps pings = new FrameGaps();
            AnimationTimer timer = timer(pulses, vm);
            Platform.runLater(() -> {
                vm.sweepProperty().set(sweep);
                timer.start();
                vm.run();
            });
            long begin = System.nanoTime();
            do {
                FrameGaps.ping(pings);
            } while (onFx(() -> vm.runningProperty().get()) || System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(1));
            double wall = (System.nanoTime() - begin) / 1e9;
            Platform.runLater(timer::stop);
            System.out.println(onFx(() -> vm.statusProperty().get()));
            System.out.printf(Locale.ROOT, "round %d, comparison (λ sweep %s): %.2f s from Run to the table%n", round,
                    sweep ? "on" : "off", wall);
            System.out.println(pulses.summary("FX pulse gap during the comparison"));
            System.out.println(pings.summary("runLater delay during the comparison"));
        }

        FrameGaps dragPulses = new FrameGaps();
        FrameGaps dragPings = new FrameGaps();
        AnimationTimer dragTimer = timer(dragPulses, vm);
        Platform.runLater(() -> {
            app.gradients().showToy(true);
            dragTimer.start();
        });
        long dragEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int k = 0;
        while (System.nanoTime() < dragEnd) {
            double theta = -4 + 8 * ((k++ % 200) / 200.0);
            Platform.runLater(() -> vm.thetaProperty().set(theta));
            FrameGaps.ping(dragPings);
        }
        Platform.runLater(dragTimer::stop);
        System.out.println("toy updates shown while dragging θ for 5 s: " + onFx(() -> vm.toyVersionProperty().get()));
        System.out.println(dragPulses.summary("FX pulse gap while dragging θ"));
        System.out.println(dragPings.summary("runLater delay while dragging θ"));
        Platform.exit();
        System.exit(0);
    }

    private static AnimationTimer timer(FrameGaps gaps, GradientsViewModel vm) {
        long start = System.nanoTime();
        // say when, to match a stall with the comparison's stage (or a GC)
        return FrameGaps.pulseTimer(gaps, 100, (gap, now) -> System.out.printf(Locale.ROOT,
                "long pulse gap %.0f ms at %.1f s: %s%n", gap, (now - start) / 1e9, vm.statusProperty().get()));
    }

    private static <T> T onFx(java.util.function.Supplier<T> read) throws InterruptedException {
        AtomicReference<T> value = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            value.set(read.get());
            done.countDown();
        });
        done.await();
        return value.get();
    }
}
