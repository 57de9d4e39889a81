package org.concretelab.ui.help;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Help window: "What is the Concrete distribution?" and About, one tab each; one window, reused. */
public final class HelpWindow {
    static final float FORMULA_SIZE = 17;
    static final double RENDER_SCALE = 2;

    private final HelpContent content;
    private final Stage stage = new Stage();
    private final TabPane tabs = new TabPane();
    private final Tab concreteTab;
    private final Tab aboutTab;
    private final List<ImageView> formulaViews = new ArrayList<>();

    public HelpWindow(HelpContent content, Window owner) {
        this.content = content;
        concreteTab = new Tab("What is the Concrete distribution?", scroll(concretePage()));
        concreteTab.setId("help-concrete-tab");
        aboutTab = new Tab("About", scroll(aboutPage()));
        aboutTab.setId("help-about-tab");
        tabs.getTabs().addAll(concreteTab, aboutTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(tabs, Math.min(820, screen.getWidth() * 0.9), Math.min(760, screen.getHeight() * 0.9));
        scene.getStylesheets().add(HelpWindow.class.getResource("/org/concretelab/ui/explorer.css").toExternalForm());
        scene.getStylesheets().add(HelpWindow.class.getResource("help.css").toExternalForm());
        // Escape closes the help, as it closes a dialog
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.ESCAPE), stage::hide);
        stage.setScene(scene);
        stage.setTitle("Concrete Explorer Help");
        stage.setMinWidth(Math.min(480, screen.getWidth()));
        stage.setMinHeight(Math.min(360, screen.getHeight()));
        if (owner != null) {
            stage.initOwner(owner);
        }
        renderFormulas();
    }

    public void showConcrete() {
        show(concreteTab);
    }

    public void showAbout() {
        show(aboutTab);
    }

    private void show(Tab tab) {
        tabs.getSelectionModel().select(tab);
        boolean first = !stage.isShowing();
        stage.show();
        stage.toFront();
        if (first) {
            ((ScrollPane) tab.getContent()).setVvalue(0); // open at the top, not at a focused link
        }
    }

    public Stage stage() {
        return stage;
    }

    /** JLaTeXMath loads its fonts on first use (a few hundred ms): render off the FX thread. */
    private void renderFormulas() {
        List<HelpContent.Formula> formulas = content.formulas();
        CompletableFuture.supplyAsync(() -> {
            List<Image> images = new ArrayList<>();
            for (HelpContent.Formula f : formulas) {
                images.add(FormulaImages.render(f.latex(), FORMULA_SIZE, RENDER_SCALE));
            }
            return images;
        }).whenComplete((images, error) -> Platform.runLater(() -> {
            for (int i = 0; i < formulaViews.size(); i++) {
                ImageView v = formulaViews.get(i);
                if (images != null) {
                    v.setImage(images.get(i));
                    v.setFitWidth(images.get(i).getWidth() / RENDER_SCALE);
                }
            }
        }));
    }

    private static ScrollPane scroll(Node page) {
        ScrollPane s = new ScrollPane(page);
        s.setFitToWidth(true);
        s.getStyleClass().add("help-scroll");
        return s;
    }

    private VBox concretePage() {
        VBox page = page();
        page.getChildren().add(heading("What is the Concrete distribution?"));
        page.getChildren().add(text(content.introduction()));
        for (HelpContent.Formula f : content.formulas()) {
            ImageView view = new ImageView();
            view.setId("formula-" + f.id());
            view.getStyleClass().add("formula");
            view.setPreserveRatio(true);
            view.setSmooth(true);
            view.setAccessibleText(f.latex());
            formulaViews.add(view);
            page.getChildren().addAll(text(f.caption()), view);
        }
        page.getChildren().add(heading("The parameters"));
        GridPane terms = grid("parameter-table");
        int row = 0;
        for (HelpContent.Term t : content.parameters()) {
            Label name = new Label(t.name());
            name.getStyleClass().add("term");
            terms.addRow(row++, name, text(t.meaning()));
        }
        page.getChildren().add(terms);
        page.getChildren().add(heading("Keyboard shortcuts"));
        GridPane keys = grid("shortcut-table");
        row = 0;
        for (HelpContent.Shortcut s : content.shortcuts()) {
            Label k = new Label(s.keys());
            k.setId("shortcut-keys-" + row);
            k.getStyleClass().add("keys");
            keys.addRow(row++, k, text(s.action()));
        }
        page.getChildren().add(keys);
        page.getChildren().add(heading("Where to read more"));
        page.getChildren().add(text(content.whereToRead()));
        content.links().forEach(l -> page.getChildren().addAll(text(l.label()), link(l.url())));
        return page;
    }

    private VBox aboutPage() {
        VBox page = page();
        page.getChildren().addAll(heading("Concrete Explorer"),
                label("about-version", "Version " + content.version()),
                text("See and play with the Concrete distribution; train its discrete-latent VAE on MNIST."),
                label("about-licence", content.licence()),
                heading("The papers"));
        content.links().forEach(l -> page.getChildren().addAll(text(l.label()), link(l.url())));
        return page;
    }

    private static VBox page() {
        VBox page = new VBox(8);
        page.getStyleClass().add("help-page");
        page.setPadding(new Insets(16, 20, 20, 20));
        return page;
    }

    private static GridPane grid(String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.setHgap(14);
        g.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints meanings = new ColumnConstraints();
        meanings.setHgrow(Priority.ALWAYS); // the wrapped explanations take the rest of the width
        meanings.setMinWidth(120);
        g.getColumnConstraints().addAll(names, meanings);
        return g;
    }

    private static Label heading(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("help-heading");
        return l;
    }

    private static Label text(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    private static Label label(String id, String s) {
        Label l = text(s);
        l.setId(id);
        return l;
    }

    /** A link as selectable text: copy it into a browser (the app opens nothing by itself). */
    private static TextField link(String url) {
        TextField f = new TextField(url);
        f.setEditable(false);
        f.setFocusTraversable(false); // else the window opens scrolled down to the first link
        f.getStyleClass().add("link-text");
        f.setPrefColumnCount(url.length());
        f.setMaxWidth(TextField.USE_PREF_SIZE);
        return f;
    }
}
