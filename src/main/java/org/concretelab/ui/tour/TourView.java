package org.concretelab.ui.tour;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.concretelab.ui.SelectedTabOnly;

/**
 * The tour as a card over the window: a layer above the tabs that lets every click outside the card through, so the
 * controls a step points at stay usable. Each step selects its tab, gives its target controls the {@code :tour-target}
 * pseudo-class (a glow, tour.css) and moves the card to a corner clear of them (and, when it can, of what the step says
 * to watch). The card can be dragged elsewhere by its header.
 */
public final class TourView extends Pane {
    public static final PseudoClass TARGET = PseudoClass.getPseudoClass("tour-target");
    /** Narrow enough for the side column of the Concrete and Training tabs (330–390 px) at 1366×768. */
    private static final double WIDTH = 320;
    private static final double MARGIN = 10;
    /** Below the tab headers and the Help menu, which share the top row. */
    private static final double TOP = 40;
    /** A step's tab is attached in a later pulse (SelectedTabOnly): its targets are looked for again this often. */
    private static final Duration RETRY = Duration.millis(50);
    private static final int RETRIES = 60;

    private final TourViewModel vm;
    private final TabPane tabs;
    private final VBox card = new VBox(8);
    private final Hyperlink elsewhere = new Hyperlink();
    private final List<Node> highlighted = new ArrayList<>();
    /** A target that moves or grows (a gallery filled later) moves the card again. */
    private final javafx.beans.InvalidationListener replace = o -> place();
    /** Counts the steps shown: a search for an earlier step's targets stops when it sees a later one has begun. */
    private int generation;
    private boolean movedByUser;
    private double dragX;
    private double dragY;

    public TourView(TourViewModel vm, TabPane tabs) {
        this.vm = vm;
        this.tabs = tabs;
        setId("tour-layer");
        setPickOnBounds(false); // clicks outside the card reach the controls below
        buildCard();
        getChildren().add(card);
        visibleProperty().bind(vm.showingProperty());
        vm.showingProperty().addListener((o, was, is) -> showStep());
        vm.indexProperty().addListener((o, was, is) -> showStep());
        widthProperty().addListener((o, a, b) -> place());
        heightProperty().addListener((o, a, b) -> place());
    }

    private void buildCard() {
        card.setId("tour-card");
        card.getStyleClass().add("tour-card");
        card.setPrefWidth(WIDTH);
        card.setMaxWidth(WIDTH);
        card.setManaged(false); // placed by place(), not by the layer's layout
        Label progress = new Label();
        progress.setId("tour-progress");
        progress.getStyleClass().add("tour-progress");
        progress.textProperty().bind(vm.progressProperty());
        Button close = new Button("×");
        close.setId("tour-close");
        close.getStyleClass().add("tour-close");
        close.setTooltip(new Tooltip("Close the tour for now (it opens again at the next launch; Help → Tour restarts it)."));
        close.setOnAction(e -> vm.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(6, progress, gap, close);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("tour-header");
        header.setOnMousePressed(e -> {
            dragX = e.getSceneX() - card.getLayoutX();
            dragY = e.getSceneY() - card.getLayoutY();
        });
        header.setOnMouseDragged(e -> {
            movedByUser = true;
            card.relocate(clamp(e.getSceneX() - dragX, getWidth() - card.getWidth()),
                    clamp(e.getSceneY() - dragY, getHeight() - card.getHeight()));
        });
        Label title = new Label();
        title.setId("tour-title");
        title.getStyleClass().add("tour-title");
        title.textProperty().bind(vm.stepProperty().map(TourStep::title));
        Label sentence = new Label();
        sentence.setId("tour-sentence");
        sentence.getStyleClass().add("tour-sentence");
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        sentence.textProperty().bind(vm.stepProperty().map(TourStep::sentence));
        Button dismiss = new Button("Don't show again");
        dismiss.setId("tour-dismiss");
        dismiss.setTooltip(new Tooltip("Close the tour and do not open it at launch again (Help → Tour restarts it)."));
        dismiss.setOnAction(e -> vm.dismiss());
        Button back = new Button("Back");
        back.setId("tour-back");
        back.disableProperty().bind(vm.canGoBackProperty().not());
        back.setOnAction(e -> vm.back());
        Button next = new Button();
        next.setId("tour-next");
        next.getStyleClass().add("tour-next");
        next.textProperty().bind(vm.lastProperty().map(last -> last ? "Done" : "Next"));
        next.setOnAction(e -> vm.next());
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        HBox buttons = new HBox(6, dismiss, gap2, back, next);
        buttons.setAlignment(Pos.CENTER_LEFT);
        // the user went to another tab: the sentence points at controls no longer in view, so say where they are
        elsewhere.setId("tour-return");
        elsewhere.getStyleClass().add("tour-return");
        elsewhere.setWrapText(true);
        elsewhere.managedProperty().bind(elsewhere.visibleProperty());
        elsewhere.setVisible(false);
        elsewhere.setOnAction(e -> {
            showStep();
            next.requestFocus(); // not "Don't show again", where focus would land as the link goes
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> updateElsewhere());
        vm.stepProperty().addListener((o, a, b) -> updateElsewhere());
        card.getChildren().addAll(header, title, sentence, elsewhere, buttons);
    }

    /** Shows the way back when the selected tab is not the step's (the card's height changes: placed again). */
    private void updateElsewhere() {
        TourStep step = vm.stepProperty().get();
        Tab own = step == null ? null : tabs.getTabs().stream().filter(t -> step.tabId().equals(t.getId())).findFirst()
                .orElse(null);
        boolean away = own != null && tabs.getSelectionModel().getSelectedItem() != own;
        if (away) {
            elsewhere.setText("This step is on the " + own.getText() + " tab: go back to it");
        }
        if (elsewhere.isVisible() != away) {
            elsewhere.setVisible(away);
            if (movedByUser) { // stays where the user put it, with room for the line
                card.resize(card.getWidth(), card.prefHeight(card.getWidth()));
            }
            place();
        }
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(v, Math.max(0, max)));
    }

    /** The stylesheet of the card and of the glow: for the window's root, so that it reaches every tab's controls. */
    public static String stylesheet() {
        return TourView.class.getResource("tour.css").toExternalForm();
    }

    /** Help → Tour: from the first step, its tab opened again even if the tour already showed it. */
    public void restart() {
        vm.start();
        showStep();
    }

    /** Clears the last step's glow; if the tour shows, opens this step's tab and looks for its targets. */
    private void showStep() {
        generation++;
        highlighted.forEach(n -> {
            n.pseudoClassStateChanged(TARGET, false);
            n.layoutBoundsProperty().removeListener(replace);
        });
        highlighted.clear();
        movedByUser = false;
        if (!vm.showingProperty().get()) {
            return;
        }
        TourStep step = vm.stepProperty().get();
        Tab tab = tabs.getTabs().stream().filter(t -> step.tabId().equals(t.getId())).findFirst().orElse(null);
        if (tab != null) {
            tabs.getSelectionModel().select(tab);
        }
        place();
        findTargets(step, tab, generation, RETRIES);
    }

    /** Highlights the step's targets once its pane is attached and laid out, then moves the card clear of them. */
    private void findTargets(TourStep step, Tab tab, int wanted, int triesLeft) {
        if (wanted != generation) {
            return; // another step has begun
        }
        List<Node> found = tab == null ? List.of() : nodes(tab, step.targets());
        boolean ready = found.size() == step.targets().size()
                && found.stream().allMatch(n -> n.getScene() == getScene() && n.getScene() != null && visibleWidth(n) > 0);
        if (ready || triesLeft == 0) {
            found.forEach(n -> {
                n.pseudoClassStateChanged(TARGET, true);
                n.layoutBoundsProperty().addListener(replace);
            });
            highlighted.addAll(found);
            place();
            return;
        }
        PauseTransition wait = new PauseTransition(RETRY);
        wait.setOnFinished(e -> findTargets(step, tab, wanted, triesLeft - 1));
        wait.play();
    }

    private static double visibleWidth(Node n) {
        return n.getLayoutBounds().getWidth();
    }

    /** The nodes of {@code tab}'s pane with these ids (those found), looked up through scroll panes and inner tabs. */
    static List<Node> nodes(Tab tab, List<String> ids) {
        List<Node> out = new ArrayList<>();
        Node pane = SelectedTabOnly.paneOf(tab);
        for (String id : ids) {
            Node n = find(pane, id);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private static Node find(Node root, String id) {
        if (root == null) {
            return null;
        }
        if (id.equals(root.getId())) {
            return root;
        }
        List<Node> children = new ArrayList<>();
        if (root instanceof ScrollPane s) {
            children.add(s.getContent());
        } else if (root instanceof TabPane t) {
            t.getTabs().forEach(inner -> children.add(inner.getContent()));
        } else if (root instanceof Parent p) {
            children.addAll(p.getChildrenUnmodifiable());
        }
        for (Node c : children) {
            Node n = find(c, id);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    /**
     * Puts the card in the first corner that covers none of the targets and the least of what the step says to watch
     * (lower corners first: the tab headers and the tools sit at the top).
     */
    private void place() {
        if (!vm.showingProperty().get() || getWidth() <= 0 || getHeight() <= 0 || movedByUser) {
            return;
        }
        double w = Math.min(WIDTH, getWidth() - 2 * MARGIN);
        double h = card.prefHeight(w);
        card.resize(w, h);
        TourStep step = vm.stepProperty().get();
        Tab tab = tabs.getTabs().stream().filter(t -> step.tabId().equals(t.getId())).findFirst().orElse(null);
        List<Bounds> targets = boundsOf(tab == null ? List.of() : nodes(tab, step.targets()));
        List<Bounds> watch = boundsOf(tab == null ? List.of() : nodes(tab, step.watch()));
        double right = getWidth() - w - MARGIN;
        double bottom = getHeight() - h - MARGIN;
        double[][] corners = {{right, bottom}, {MARGIN, bottom}, {right, TOP}, {MARGIN, TOP},
                {(getWidth() - w) / 2, bottom}, {(getWidth() - w) / 2, TOP}};
        double[] best = corners[0];
        double bestCost = Double.MAX_VALUE;
        for (double[] c : corners) {
            Bounds at = new BoundingBox(Math.max(0, c[0]), Math.max(0, c[1]), w, h);
            // covering a target costs more than covering all there is to watch
            double cost = 1e6 * overlap(at, targets) + overlap(at, watch);
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        card.relocate(Math.max(0, best[0]), Math.max(0, best[1]));
    }

    /** The nodes' bounds in this layer (those in the scene). */
    private List<Bounds> boundsOf(List<Node> nodes) {
        List<Bounds> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.getScene() != null && n.getScene() == getScene()) {
                out.add(sceneToLocal(n.localToScene(n.getLayoutBounds())));
            }
        }
        return out;
    }

    private static double overlap(Bounds a, List<Bounds> others) {
        double sum = 0;
        for (Bounds b : others) {
            double dx = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
            double dy = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
            if (dx > 0 && dy > 0) {
                sum += dx * dy;
            }
        }
        return sum;
    }

    /** The card (tests: where it is). */
    public Region card() {
        return card;
    }

    /** The nodes the current step highlights (empty until its tab is attached). */
    public List<Node> highlighted() {
        return List.copyOf(highlighted);
    }

    public TourViewModel viewModel() {
        return vm;
    }
}
