package org.concretelab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.complete.CompletePane;
import org.concretelab.ui.complete.CompleteViewModel;
import org.concretelab.ui.concrete.ConcretePane;
import org.concretelab.ui.gradients.GradientsPane;
import org.concretelab.ui.gradients.GradientsViewModel;
import org.concretelab.ui.gradients.TestImages;
import org.concretelab.ui.help.HelpContent;
import org.concretelab.ui.help.HelpWindow;
import org.concretelab.ui.latents.LatentsPane;
import org.concretelab.ui.latents.LatentsViewModel;
import org.concretelab.ui.latents.ShippedLatentsModels;
import org.concretelab.ui.results.JobRow;
import org.concretelab.ui.results.ResultsPane;
import org.concretelab.ui.results.ResultsViewModel;
import org.concretelab.ui.settings.AppSettings;
import org.concretelab.ui.settings.RememberedWindow;
import org.concretelab.ui.tour.TourView;
import org.concretelab.ui.tour.TourViewModel;
import org.concretelab.ui.training.TrainingPane;
import org.controlsfx.control.StatusBar;

/**
 * The main window: Training, Concrete, Latents, Complete, Gradients and Results tabs above a status bar; its place and
 * last tab are remembered.
 */
public class ExplorerApp extends Application {
    private TrainingPane training;
    private ConcretePane concrete;
    private LatentsPane latents;
    private CompletePane complete;
    private HelpWindow helpWindow;
    private final Label modelLabel = label("model-label", "model: loading…");
    private final Label dataLabel = label("data-label", "data: loading…");
    private final Label speedLabel = new Label("");
    private GradientsPane gradients;
    private ResultsPane results;
    /** The Complete tab's test images: those of its model's dataset (the other tabs' are wired in loadDataAndModel). */
    private ModelData.Tab completeData;
    private TabPane tabs;
    private TourView tour;
    /** Quit: hides every window (the main one first, so its place is remembered); the last one hidden ends the app. */
    private Runnable onQuit = () -> new ArrayList<>(Window.getWindows()).stream()
            .sorted(java.util.Comparator.comparing(w -> w instanceof Stage s && s.getOwner() != null))
            .forEach(Window::hide);

    static final String TAB_KEY = "window.tab";

    @Override
    public void start(Stage stage) {
        long startCalled = System.currentTimeMillis();
        AppContext context = AppContext.forUser();
        Scene scene = new Scene(build(context));
        long built = System.currentTimeMillis();
        scene.getStylesheets().add(ExplorerApp.class.getResource("explorer.css").toExternalForm());
        installShortcuts(scene);
        stage.setTitle("Concrete Explorer");
        stage.getIcons().add(new Image(ExplorerApp.class.getResourceAsStream("icon.png")));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        WindowPlacement first = WindowPlacement.within(screen.getMinX(), screen.getMinY(), screen.getWidth(), screen.getHeight());
        stage.setMinWidth(first.minWidth());
        stage.setMinHeight(first.minHeight());
        stage.setScene(scene);
        placeWindow(stage, context.settings(), first);
        // SIGTERM (a logout, the launcher asked to end) skips stop(): end a run gracefully there too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                training.shutdown(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "app-shutdown"));
        stage.show();
        offerTour();
        context.windowDrawnAfterFirstFrame();
        StartupReport.afterFirstFrame(startCalled, built);
    }

    /** The first launch's tour (until it is dismissed or finished); returns whether it shows. */
    public boolean offerTour() {
        return tour.viewModel().offerOnLaunch();
    }

    /** Closing the app ends a run as Stop does: at the next step, with last.ckpt written (up to a minute). */
    @Override
    public void stop() throws Exception {
        if (training != null && !training.shutdown(60)) {
            System.err.println("concrete-explorer: the training run did not stop within a minute; its last epoch's"
                    + " checkpoint is the last one saved");
        }
    }

    /** Opens the window where it was last closed (corrected onto a screen), and remembers it when it closes. */
    public static void placeWindow(Stage stage, AppSettings settings) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        placeWindow(stage, settings, WindowPlacement.within(screen.getMinX(), screen.getMinY(), screen.getWidth(),
                screen.getHeight()));
    }

    /** Like {@link #placeWindow(Stage, AppSettings)}, with {@code first} the place of a first launch. */
    public static void placeWindow(Stage stage, AppSettings settings, WindowPlacement first) {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().map(Screen::getVisualBounds).filter(b -> !b.equals(screens.get(0))).forEach(screens::add);
        Rectangle2D r = RememberedWindow.fit(RememberedWindow.stored(settings), screens,
                new Rectangle2D(first.x(), first.y(), first.width(), first.height()),
                new Rectangle2D(0, 0, first.minWidth(), first.minHeight()));
        stage.setX(r.getMinX());
        stage.setY(r.getMinY());
        stage.setWidth(r.getWidth());
        stage.setHeight(r.getHeight());
        stage.setMaximized(RememberedWindow.maximized(settings));
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> RememberedWindow.store(settings,
                new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()), stage.isMaximized()));
    }

    /** The window's content (separate from {@link #start} so that tests can host it). */
    public BorderPane build(AppContext context) {
        training = new TrainingPane(context);
        concrete = new ConcretePane();
        latents = new LatentsPane(new LatentsViewModel(context.background()));
        complete = new CompletePane(new CompleteViewModel(context.background()));
        tabs = new TabPane(tab("Training", training), tab("Concrete", concrete), tab("Latents", scrolling(latents, "latents-scroll")));
        tabs.getTabs().add(tab("Complete", scrolling(complete, "complete-scroll")));
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        addGradientsTab(tabs, context);
        addResultsTab(tabs, context);
        SelectedTabOnly.install(tabs);
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
                speedLabel.setText(training.stateProperty().get() == TrainerState.RUNNING && v.doubleValue() > 0
                        ? String.format(Locale.ROOT, "%,.0f img/s", v.doubleValue()) : "")); // 0 while validating
        training.trainerProperty().addListener((o, a, t) -> {
            if (t != null) {
                modelLabel.setText("model: " + t.options().spec().describe() + ", " + t.options().dataset().label()
                        + " (training)"); // the tabs' images follow the models they show (their datasetProperty)
            }
        });
        training.setOnModelLoaded(m -> showLoadedModel(m, "loaded", training.loadedDataset()));
        latents.setTrainingSource(training::snapshotModel);
        latents.viewModel().trainerProperty().bind(training.trainerProperty());
        loadDataAndModel(context);
        // the tour's card floats over the tabs, below the menus; clicks beside it reach the tabs
        tour = new TourView(new TourViewModel(settings), tabs);
        // the Help menu sits in the tab row's empty right end: a menu bar row would cost a laptop 25 px
        MenuBar menus = helpMenu(context);
        StackPane top = new StackPane(tabs, tour, menus);
        StackPane.setAlignment(menus, Pos.TOP_RIGHT);
        menus.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        BorderPane root = new BorderPane(top);
        root.setBottom(status);
        root.getStylesheets().add(TourView.stylesheet()); // the card, and the glow on any tab's controls
        return root;
    }

    /**
     * The Gradients tab: the estimators compared on the shipped model (set when it is read), a checkpoint loaded in
     * the Training tab or snapshots of its run, on test images binarized as eval binarizes them.
     */
    private void addGradientsTab(TabPane tabs, AppContext context) {
        gradients = new GradientsPane(new GradientsViewModel(GradientsViewModel.daemonPool(), Platform::runLater));
        tabs.getTabs().add(tab("Gradients", scrolling(gradients, "gradients-scroll")));
        gradients.viewModel().trainingSourceProperty().set(training::snapshotModel);
        gradients.viewModel().trainerProperty().bind(training.trainerProperty());
    }

    /**
     * A model loaded by the user (Training tab, Results tab) goes to the Latents and Gradients tabs, a completion model to
     * the Complete tab; returns whether it was a completion model.
     */
    private boolean showLoadedModel(VaeModel m, String how, Dataset dataset) {
        modelLabel.setText("model: " + m.spec().describe() + ", " + dataset.label() + " (" + how + ")");
        if (org.concretelab.model.task.Tasks.create(m.spec().task()).conditionalPrior()) {
            complete.setModel(m, m.spec().describe() + " (" + how + ")"); // a completion model: the Complete tab's
            completeData.show(dataset);
            return true;
        }
        latents.setModel(m, m.spec().describe() + " (" + how + ")", dataset);
        gradients.viewModel().loadedDatasetProperty().set(dataset);
        gradients.viewModel().loadedModelProperty().set(m);
        return false;
    }

    /**
     * The Results tab: a sweep's results root beside the paper's Table 1. A job's curves open in the Training tab as its
     * Load checkpoint opens them (with the checkpoint, so its model reaches the Latents tab too; without one yet, the
     * curves alone); its model opens in the Latents tab (a completion model in the Complete tab). The last root is
     * opened again at start-up.
     */
    private void addResultsTab(TabPane tabs, AppContext context) {
        ResultsViewModel vm = new ResultsViewModel(context.background(), Platform::runLater, context.settings());
        results = new ResultsPane(vm);
        tabs.getTabs().add(tab("Results", results));
        vm.setOnOpenCurves(this::openCurves);
        vm.setOnOpenModel((row, m) -> {
            // the tab first, then the model: whoever watches the model sees it arrive in its tab
            select(org.concretelab.model.task.Tasks.create(m.spec().task()).conditionalPrior() ? "complete-tab" : "latents-tab");
            showLoadedModel(m, "from the Results tab", resultsDataset(row));
        });
        vm.openLast();
    }

    private void openCurves(JobRow row) {
        select("training-tab");
        if (row.checkpoint() != null) {
            training.loadCheckpoint(row.checkpoint());
        } else if (training.plotRunLogs(row.folder(), 20_000)) {
            training.showInfo("Curves of " + row.id() + " so far (it has no checkpoint yet, so the form keeps its model).");
        } else {
            training.showProblem("Cannot plot the curves of " + row.id() + ": its training.csv or epochs.csv cannot be read",
                    "wait for its first epoch, or look at " + row.folder());
        }
    }

    void select(String tabId) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** A Results row's dataset (MNIST if this build does not know its name: the model still opens). */
    private static Dataset resultsDataset(JobRow row) {
        try {
            return Datasets.named(row.dataset());
        } catch (IllegalArgumentException unknown) {
            return Datasets.defaultDataset();
        }
    }

    private void loadDataAndModel(AppContext context) {
        ModelData modelData = new ModelData(context, (d, cause) -> {
            dataLabel.setText("data: " + d.label() + " missing");
            training.showDataProblem(cause.getMessage());
        });
        ModelData.Tab latentsData = modelData.tab((d, data) -> {
            List<float[]> digits = digits(data);
            return () -> {
                dataLabel.setText("data: " + data.describe());
                latents.setDigits(d, digits);
            };
        });
        ModelData.Tab gradientsData = modelData.tab((d, data) -> {
            TestImages images = new TestImages(d, MinibatchIterator.fixedBinarized(data.test().limit(100), Trainer.EVALUATION_SEED));
            return () -> gradients.viewModel().testImagesProperty().set(images);
        });
        completeData = modelData.tab((d, data) -> () -> complete.viewModel().setDigits(data.test().size(), data.test()::pixelsOf));
        latentsData.show(Datasets.MNIST); // the shipped models' (their checkpoints predate datasets: MNIST), before they come
        latents.viewModel().datasetProperty().addListener((o, a, d) -> latentsData.show(d));
        gradientsData.show(gradients.viewModel().neededDatasetProperty().get());
        gradients.viewModel().neededDatasetProperty().addListener((o, a, d) -> gradientsData.show(d));
        completeData.show(Datasets.MNIST);
        context.background().execute(() -> {
            try { // the Latents tab opens on the compact model; the 200-bit one is its alternative and the Gradients tab's
                ShippedLatentsModels shipped = ShippedLatentsModels.load(context);
                VaeModel m = shipped.full();
                TrainingCheckpoint cp = shipped.fullCheckpoint();
                Platform.runLater(() -> {
                    latents.setShippedModels(shipped);
                    if (m != null) {
                        gradients.viewModel().shippedModelProperty().set(m);
                    }
                    VaeModel shown = shipped.latentsDefault();
                    String text = shown == null ? "model: none shipped; train one" : "model: " + (m == null ? ""
                            : m.spec().describe() + ", " + cp.options().dataset().label() + " (shipped, " + cp.epoch()
                            + " epochs)") + (shown != m ? "; Latents: " + ShippedLatentsModels.size(shown.latentLayout())
                            + " compact model" : "");
                    modelLabel.setText(text);
                    // a shipped model chosen again in the Latents box after another one: the status line names it again
                    latents.modelProperty().addListener((o, a, now) -> {
                        if (now != null && (now == m || now == shown)) {
                            modelLabel.setText(text);
                        }
                    });
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> modelLabel.setText("model: shipped model unreadable (" + e.getMessage() + ")"));
            }
        });
        IdleWarmUp.schedule(context.background());
        context.background().execute(() -> { // the Complete tab's own model
            try {
                context.shippedModel(AppContext.SHIPPED_COMPLETION_MODEL).ifPresent(cp -> complete.setModel(
                        VaeModels.restore(cp.model()), AppContext.shippedCompletionLabel(cp)));
            } catch (RuntimeException e) {
                System.err.println("concrete-explorer: the shipped completion model is unreadable: " + e.getMessage());
            }
        });
    }

    private static Label label(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        return l;
    }

    private static List<float[]> digits(MnistSplits data) {
        List<float[]> list = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            list.add(data.test().pixelsOf(i));
        }
        return list;
    }

    /** A keyboard shortcut; {@code run} is null for menu items, whose menu installs them. */
    private record Shortcut(KeyCombination keys, String action, Runnable run) {
    }

    private static final KeyCombination HELP_KEYS = new KeyCodeCombination(KeyCode.F1);
    static final KeyCombination QUIT_KEYS = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    /** Keys that no accelerator installs (the controls' own), listed on the Help page after the shortcuts. */
    static final List<HelpContent.Shortcut> CONTROL_KEYS = List.of(
            new HelpContent.Shortcut("Tab, Shift+Tab", "Move to the next or previous control"),
            new HelpContent.Shortcut("← → ↑ ↓", "Move a focused slider a small step (λ and α: about 5 %)"),
            new HelpContent.Shortcut("Page Up, Page Down", "Move a focused slider a large step (a tenth of its range)"),
            new HelpContent.Shortcut("Home, End", "Move a focused slider to its ends"),
            new HelpContent.Shortcut("Space", "Press the focused button, toggle or check box"),
            new HelpContent.Shortcut("Ctrl+Tab, Ctrl+Shift+Tab", "Next or previous tab"),
            new HelpContent.Shortcut("Ctrl+Z, Ctrl+Y", "Latents tab: undo or redo a change of the code (Ctrl+Shift+Z redoes too)"),
            new HelpContent.Shortcut("Esc", "Close this help window"));

    /** Every shortcut, in one list: the scene installs these and the Help page lists them. */
    private List<Shortcut> shortcuts() {
        return List.of(
                new Shortcut(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), "Start training (Training tab)", training::startTraining),
                new Shortcut(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), "Pause or resume training", training::togglePause),
                new Shortcut(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), "Stop training (writes last.ckpt)", training::stopTraining),
                new Shortcut(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), "Save a checkpoint", training::saveCheckpoint),
                new Shortcut(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), "Load a checkpoint", training::chooseAndLoad),
                new Shortcut(HELP_KEYS, "This help page", null),
                new Shortcut(QUIT_KEYS, "Quit (a training run stops as Stop stops it)", null));
    }

    private void installShortcuts(Scene scene) {
        for (Shortcut s : shortcuts()) {
            if (s.run() != null) {
                scene.getAccelerators().put(s.keys(), s.run());
            }
        }
    }

    private MenuBar helpMenu(AppContext context) {
        MenuItem concreteItem = new MenuItem("What is the Concrete distribution?");
        concreteItem.setId("help-concrete-item");
        concreteItem.setAccelerator(HELP_KEYS);
        concreteItem.setOnAction(e -> help(concreteItem).showConcrete());
        MenuItem aboutItem = new MenuItem("About Concrete Explorer");
        aboutItem.setId("help-about-item");
        aboutItem.setOnAction(e -> help(aboutItem).showAbout());
        MenuItem tourItem = new MenuItem("Tour");
        tourItem.setId("help-tour-item");
        tourItem.setOnAction(e -> tour.restart());
        Menu menu = new Menu("Help", null, concreteItem, tourItem, aboutItem);
        menu.setId("help-menu");
        MenuItem quitItem = new MenuItem("Quit");
        quitItem.setId("quit-item");
        quitItem.setAccelerator(QUIT_KEYS);
        quitItem.setOnAction(e -> onQuit.run());
        MenuItem mnistItem = new MenuItem("Show the shipped MNIST model (digits)");
        mnistItem.setId("shipped-mnist-item");
        mnistItem.setOnAction(e -> showShipped(context, AppContext.SHIPPED_MODEL));
        MenuItem fashionItem = new MenuItem("Show the shipped Fashion-MNIST model (clothes)");
        fashionItem.setId("shipped-fashion-item");
        fashionItem.setOnAction(e -> showShipped(context, AppContext.SHIPPED_FASHION_MODEL));
        Menu appMenu = new Menu("App", null, mnistItem, fashionItem, new javafx.scene.control.SeparatorMenuItem(), quitItem);
        appMenu.setId("app-menu");
        MenuBar bar = new MenuBar(appMenu, menu);
        bar.getStyleClass().add("help-menu-bar");
        return bar;
    }

    /** A shipped density model, read in the background, shown in the Latents and Gradients tabs with its dataset's images. */
    void showShipped(AppContext context, String name) {
        context.background().execute(() -> {
            try {
                TrainingCheckpoint cp = context.shippedModel(name).orElse(null);
                if (cp == null) {
                    Platform.runLater(() -> training.showProblem("This build ships no " + name, null));
                    return;
                }
                VaeModel m = VaeModels.restore(cp.model());
                Platform.runLater(() -> {
                    select("latents-tab");
                    showLoadedModel(m, "shipped, " + cp.epoch() + " epochs", cp.options().dataset());
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> training.showProblem("The shipped model " + name + " is unreadable: "
                        + e.getMessage(), null));
            }
        });
    }

    private HelpWindow help(MenuItem from) {
        if (helpWindow == null) {
            List<HelpContent.Shortcut> keys = new ArrayList<>(shortcuts().stream()
                    .map(s -> new HelpContent.Shortcut(keysText(s.keys()), s.action())).toList());
            keys.addAll(CONTROL_KEYS);
            Window owner = from.getParentPopup() != null ? from.getParentPopup().getOwnerWindow() : null;
            helpWindow = new HelpWindow(new HelpContent(keys, ExplorerApp.class.getPackage().getImplementationVersion()), owner);
        }
        return helpWindow;
    }

    /** "Ctrl+Enter" and "Ctrl+." rather than JavaFX's "Ctrl+↵" and "Ctrl+Period" (modifiers as the platform writes them). */
    static String keysText(KeyCombination keys) {
        String text = keys.getDisplayText();
        if (keys instanceof KeyCodeCombination k && (k.getCode() == KeyCode.PERIOD || k.getCode() == KeyCode.ENTER)) {
            String key = k.getCode() == KeyCode.PERIOD ? "." : "Enter";
            for (String shown : new String[] {"Period", "\u21B5", "Enter"}) {
                if (text.endsWith(shown)) {
                    return text.substring(0, text.length() - shown.length()) + key;
                }
            }
        }
        return text;
    }

    /** Replaces what Quit does (tests: not to hide their own stage). */
    public void setOnQuit(Runnable action) {
        onQuit = action;
    }

    /** The Help window, created on first use (null before). */
    public HelpWindow helpWindow() {
        return helpWindow;
    }

    /** Fills the tab when there is room; scrolls instead of squeezing the pane below its minimum size. */
    private static ScrollPane scrolling(Region content, String id) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setId(id);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("tab-scroll");
        return scroll;
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setId(name.toLowerCase(Locale.ROOT) + "-tab");
        return t;
    }

    public TrainingPane training() {
        return training;
    }

    public GradientsPane gradients() {
        return gradients;
    }

    public ConcretePane concrete() {
        return concrete;
    }

    public LatentsPane latents() {
        return latents;
    }

    public CompletePane complete() {
        return complete;
    }

    public ResultsPane results() {
        return results;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** The guided tour's card layer (hidden until offered or started from Help → Tour). */
    public TourView tour() {
        return tour;
    }
}
