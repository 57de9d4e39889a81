package org.concretelab.ui.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.concretelab.train.Trainer;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.ExplorerApp;

/**
 * How responsive the FX thread stays while the default model trains: opens the real window, starts
 * training on full MNIST from the Training pane, and for {@code seconds} (default 30) records the gap
 * between consecutive pulses (AnimationTimer) and the delay of a Platform.runLater ping sent every 10 ms.
 * With a run folder as second argument, its logged curve (up to 200,000 steps) is plotted first, so the
 * chart holds 100,000+ points while new ones stream in. Run under a display (e.g. Xvfb): see the README.
 * {@code -Dbench.tab=latents} shows the Latents tab instead of the chart; {@code -Dbench.follow=false} turns
 * its "Follow training" off, to see what following costs the trainer (examples/s over the window).
 * {@code -Dbench.arch=200H~200H~784V} and {@code -Dbench.m=5} set the form's Architecture and Samples m first, as a
 * user would (the default model otherwise): issue 16's four configurations.
 * {@code -Dbench.demo=true}: the Training tab's Demo run instead, as the tour has it pressed (Demo run, then Start),
 * measured from Start to the run's end: its wall time and the pulse gaps over the whole run (epoch ends included).
 */
public final class FxLatencyBenchmark {
    /** Sets the form's architecture and samples from {@code bench.arch} / {@code bench.m} when given. */
    @SuppressWarnings("unchecked")
    private static void chooseModel(Scene scene) {
        String arch = System.getProperty("bench.arch");
        if (arch != null) {
            var choice = (javafx.scene.control.ChoiceBox<org.concretelab.model.Architecture>) scene.lookup("#arch-choice");
            choice.setValue(org.concretelab.model.Architecture.parse(arch));
        }
        String m = System.getProperty("bench.m");
        if (m != null) {
            ((javafx.scene.control.TextField) scene.lookup("#samples-field")).setText(m);
        }
    }

    public static void main(String[] args) throws Exception {
        // the same native environment as the app (one OpenMP thread, the CPU's OpenBLAS kernels)
        if (org.concretelab.platform.NativeEnvironment.relaunchIfNeeded(FxLatencyBenchmark.class, args, true)) {
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        CountDownLatch started = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<ExplorerApp> holder = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<AppContext> context = new java.util.concurrent.atomic.AtomicReference<>();
        Platform.startup(() -> {
            ExplorerApp created = new ExplorerApp(); // its controls need the toolkit
            holder.set(created);
            Stage stage = new Stage();
            context.set(AppContext.standard().heldUntilWindowDrawn()); // as the app: no native loading beside JavaFX's
            stage.setScene(new Scene(created.build(context.get()), 1280, 820));
            stage.show();
            context.get().windowDrawnAfterFirstFrame();
            created.latents().viewModel().followTrainingProperty().set(!"false".equals(System.getProperty("bench.follow")));
            chooseModel(stage.getScene());
            if ("latents".equals(System.getProperty("bench.tab"))) {
                ((javafx.scene.control.TabPane) stage.getScene().getRoot().lookup(".tab-pane")).getSelectionModel().select(2);
            }
            started.countDown();
        });
        started.await();
        ExplorerApp app = holder.get();
        if (Boolean.getBoolean("bench.demo")) {
            demoRun(app, context.get());
            return;
        }
        Platform.runLater(() -> app.training().startTraining());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (app.training().trainerProperty().get() == null || app.training().trainerProperty().get().step() < 50) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("training did not start");
            }
            Thread.sleep(100);
        }
        if (args.length > 1) {
            CountDownLatch plotted = new CountDownLatch(1);
            Platform.runLater(() -> {
                System.out.println("preloaded curve: " + app.training().plotRunLogs(java.nio.file.Path.of(args[1]), 200_000));
                plotted.countDown();
            });
            plotted.await();
        }
        Thread.sleep(3000); // warm-up
        FrameGaps pulses = new FrameGaps();
        FrameGaps pings = new FrameGaps();
        // say when, so a stall can be matched with the trainer's epoch end or a GC
        AnimationTimer timer = FrameGaps.pulseTimer(pulses, 50, (gap, now) -> {
            Trainer t = app.training().trainerProperty().get();
            System.out.printf(java.util.Locale.ROOT, "long pulse gap %.1f ms at step %d%n", gap, t == null ? -1 : t.step());
        });
        Platform.runLater(timer::start);
        long firstStep = app.training().trainerProperty().get().step();
        Trainer.TrainingTime firstTime = app.training().trainerProperty().get().trainingTime();
        long begin = System.nanoTime();
        long end = begin + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            FrameGaps.ping(pings);
        }
        Platform.runLater(timer::stop);
        Trainer t = app.training().trainerProperty().get();
        double window = (System.nanoTime() - begin) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "examples/s over the window: %.0f (follow training %s)%n",
                (t.step() - firstStep) * t.options().batchSize() / window,
                app.latents().viewModel().followTrainingProperty().get() ? "on" : "off");
        System.out.printf(java.util.Locale.ROOT, "training throughput over the window: %.0f img/s (validation not counted)%n",
                t.trainingTime().imagesPerSecondSince(firstTime));
        System.out.println("training: " + t.options().spec().describe() + ", " + t.step() + " steps, "
                + String.format(java.util.Locale.ROOT, "%.0f", app.training().examplesPerSecondProperty().get()) + " img/s at the end");
        System.out.println("points in the step chart: " + app.training().plottedSteps() + " (drawn: " + app.training().drawnSteps() + ")");
        System.out.println(pulses.summary("FX pulse gap"));
        System.out.println(pings.summary("runLater delay"));
        t.stop();
        t.awaitTermination(30, TimeUnit.SECONDS);
        Platform.exit();
        System.exit(0);
    }

    /** The demo run from Start to its end (MNIST read first, as it is by the time a user has found the button). */
    private static void demoRun(ExplorerApp app, AppContext context) throws Exception {
        context.data().join();
        Thread.sleep(3000); // the shipped models loaded and drawn, as at a real launch
        long[] begin = new long[1];
        FrameGaps pulses = new FrameGaps();
        FrameGaps pings = new FrameGaps();
        AnimationTimer timer = FrameGaps.pulseTimer(pulses, 50, (gap, now) -> {
            Trainer t = app.training().trainerProperty().get();
            System.out.printf(java.util.Locale.ROOT, "long pulse gap %.1f ms at %.1f s, step %d%n", gap,
                    (now - begin[0]) / 1e9, t == null ? -1 : t.step());
        });
        // the FX thread's own CPU time between pulses: a long gap with little CPU in it waited for the scheduler (other
        // processes, the trainer's threads, the render thread), a long gap full of CPU is the app's own work
        FrameGaps cpu = new FrameGaps();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AnimationTimer cpuTimer = new AnimationTimer() {
            private long last = -1;

            @Override
            public void handle(long now) {
                long t = threads.getCurrentThreadCpuTime();
                if (last >= 0) {
                    double ms = (t - last) / 1e6;
                    cpu.add(ms);
                    if (ms > 30) {
                        System.out.printf(java.util.Locale.ROOT, "FX thread busy %.1f ms before the pulse at %.1f s%n", ms,
                                (now - begin[0]) / 1e9);
                    }
                }
                last = t;
            }
        };
        FrameGaps.watchStalls(100); // -Dbench.stacks=true: what held the FX thread
        CountDownLatch pressed = new CountDownLatch(1);
        System.out.println("demo run: pressing Demo run and Start"); // a mark in -Xlog:class+load output
        Platform.runLater(() -> {
            app.training().applyDemoRun();
            timer.start();
            cpuTimer.start();
            begin[0] = System.nanoTime();
            app.training().startTraining();
            pressed.countDown();
        });
        pressed.await();
        long deadline = begin[0] + TimeUnit.SECONDS.toNanos(300);
        while (app.training().trainerProperty().get() == null
                || !app.training().trainerProperty().get().state().isTerminal()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo run did not end within 5 minutes");
            }
            FrameGaps.ping(pings);
        }
        double wall = (System.nanoTime() - begin[0]) / 1e9;
        Platform.runLater(() -> {
            timer.stop();
            cpuTimer.stop();
        });
        Trainer t = app.training().trainerProperty().get();
        System.out.printf(java.util.Locale.ROOT, "load average at the end: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(java.util.Locale.ROOT, "demo run: %s, %d epochs on %,d images, %d steps, ended %s: %.1f s from Start"
                + " to its end (%s tab shown, follow training %s)%n", t.options().spec().describe(), t.options().epochs(),
                t.options().trainLimit(), t.step(), t.state(), wall, System.getProperty("bench.tab", "training"),
                app.latents().viewModel().followTrainingProperty().get() ? "on" : "off");
        System.out.println(pulses.summary("FX pulse gap"));
        System.out.println(pings.summary("runLater delay"));
        System.out.println(cpu.summary("FX thread CPU time between pulses"));
        Platform.exit();
        System.exit(0);
    }
}
