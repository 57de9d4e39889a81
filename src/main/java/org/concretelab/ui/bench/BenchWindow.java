package org.concretelab.ui.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.ExplorerApp;

/** The benchmarks' real window: the app built with its standard context in a stage of the given size, shown. */
final class BenchWindow {
    private BenchWindow() {
    }

    /** Starts the toolkit, shows the app at {@code width × height}, runs {@code then} on the FX thread; returns the app. */
    static ExplorerApp open(int width, int height, Consumer<Stage> then) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<ExplorerApp> holder = new AtomicReference<>();
        Platform.startup(() -> {
            ExplorerApp created = new ExplorerApp(); // its controls need the toolkit
            holder.set(created);
            Stage stage = new Stage();
            AppContext context = AppContext.standard().heldUntilWindowDrawn(); // as the app: no native loading beside JavaFX's
            stage.setScene(new Scene(created.build(context), width, height));
            stage.show();
            context.windowDrawnAfterFirstFrame();
            then.accept(stage);
            started.countDown();
        });
        started.await();
        return holder.get();
    }
}
