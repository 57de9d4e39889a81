package org.concretelab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.concrete.ConcretePane;
import org.concretelab.ui.latents.LatentsPane;
import org.concretelab.ui.settings.AppSettings;
import org.concretelab.ui.settings.WindowPlacement;
import org.concretelab.ui.training.TrainingPane;
import org.controlsfx.control.StatusBar;

/** The main window: Training, Concrete and Latents tabs above a status bar; its place and last tab are remembered. */
public class ExplorerApp extends Application {
    private TrainingPane training;
    private ConcretePane concrete;
    private LatentsPane latents;
    private final Label modelLabel = new Label("model: loading…");
    private final Label dataLabel = new Label("data: loading…");
    private final Label speedLabel = new Label("");

    /** The window's size on first launch, and its smallest. */
    static final Rectangle2D DEFAULT_SIZE = new Rectangle2D(0, 0, 1280, 820);
    static final Rectangle2D MIN_SIZE = new Rectangle2D(0, 0, 1000, 680);
    static final String TAB_KEY = "window.tab";

    @Override
    public void start(Stage stage) {
        AppContext context = AppContext.forUser();
        Scene scene = new Scene(build(context), DEFAULT_SIZE.getWidth(), DEFAULT_SIZE.getHeight());
        scene.getStylesheets().add(ExplorerApp.class.getResource("explorer.css").toExternalForm());
        installShortcuts(scene);
        stage.setTitle("Concrete Explorer");
        stage.getIcons().add(new Image(ExplorerApp.class.getResourceAsStream("icon.png")));
        stage.setMinWidth(MIN_SIZE.getWidth());
        stage.setMinHeight(MIN_SIZE.getHeight());
        stage.setScene(scene);
        placeWindow(stage, context.settings());
        stage.show();
    }

    /** Opens the window where it was last closed (corrected onto a screen), and remembers it when it closes. */
    public static void placeWindow(Stage stage, AppSettings settings) {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().map(Screen::getVisualBounds).filter(b -> !b.equals(screens.get(0))).forEach(screens::add);
        Rectangle2D r = WindowPlacement.fit(WindowPlacement.stored(settings), screens, DEFAULT_SIZE, MIN_SIZE);
        stage.setX(r.getMinX());
        stage.setY(r.getMinY());
        stage.setWidth(r.getWidth());
        stage.setHeight(r.getHeight());
        stage.setMaximized(WindowPlacement.maximized(settings));
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> WindowPlacement.store(settings,
                new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()), stage.isMaximized()));
    }

    /** The window's content (separate from {@link #start} so that tests can host it). */
    public BorderPane build(AppContext context) {
        training = new TrainingPane(context);
        concrete = new ConcretePane();
        latents = new LatentsPane();
        TabPane tabs = new TabPane(tab("Training", training), tab("Concrete", concrete), tab("Latents", latents));
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        AppSettings settings = context.settings();
        settings.get(TAB_KEY).flatMap(id -> tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst())
                .ifPresent(t -> tabs.getSelectionModel().select(t));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) {
                settings.put(TAB_KEY, t.getId());
            }
        });
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.setText("Ready");
        status.getRightItems().addAll(modelLabel, new Separator(javafx.geometry.Orientation.VERTICAL), dataLabel,
                new Separator(javafx.geometry.Orientation.VERTICAL), speedLabel);
        training.stateProperty().addListener((o, a, s) -> status.setText("Training: " + s.name().toLowerCase(Locale.ROOT)));
        training.examplesPerSecondProperty().addListener((o, a, v) ->
                speedLabel.setText(training.stateProperty().get() == TrainerState.RUNNING
                        ? String.format(Locale.ROOT, "%,.0f img/s", v.doubleValue()) : ""));
        training.trainerProperty().addListener((o, a, t) -> {
            if (t != null) {
                modelLabel.setText("model: " + t.options().spec().describe() + " (training)");
            }
        });
        training.setOnModelLoaded(m -> {
            latents.setModel(m);
            modelLabel.setText("model: " + m.spec().describe() + " (loaded)");
        });
        latents.setTrainingSource(training::snapshotModel);
        loadDataAndModel(context);
        BorderPane root = new BorderPane(tabs);
        root.setBottom(status);
        return root;
    }

    private void loadDataAndModel(AppContext context) {
        context.data().whenComplete((data, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                dataLabel.setText("data: missing");
                training.showDataProblem(cause.getMessage());
            } else {
                dataLabel.setText("data: " + data.describe());
                latents.setDigits(digits(data));
            }
        }));
        context.background().execute(() -> {
            try {
                TrainingCheckpoint cp = context.shippedModel().orElse(null);
                if (cp != null) {
                    VaeModel m = VaeModels.restore(cp.model());
                    Platform.runLater(() -> {
                        latents.setModel(m);
                        modelLabel.setText("model: " + m.spec().describe() + " (shipped, " + cp.epoch() + " epochs)");
                    });
                } else {
                    Platform.runLater(() -> modelLabel.setText("model: none shipped; train one"));
                }
            } catch (RuntimeException e) {
                Platform.runLater(() -> modelLabel.setText("model: shipped model unreadable (" + e.getMessage() + ")"));
            }
        });
    }

    private static List<float[]> digits(MnistSplits data) {
        List<float[]> list = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            list.add(data.test().pixelsOf(i));
        }
        return list;
    }

    private void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), training::startTraining);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), training::togglePause);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), training::stopTraining);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), training::saveCheckpoint);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), training::chooseAndLoad);
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setId(name.toLowerCase(Locale.ROOT) + "-tab");
        return t;
    }

    public TrainingPane training() {
        return training;
    }

    public ConcretePane concrete() {
        return concrete;
    }

    public LatentsPane latents() {
        return latents;
    }
}
