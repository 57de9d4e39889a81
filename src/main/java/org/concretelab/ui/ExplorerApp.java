package org.concretelab.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The main window: Training, Concrete and Latents tabs above a status bar. */
public class ExplorerApp extends Application {

    @Override
    public void start(Stage stage) {
        TabPane tabs = new TabPane(
                tab("Training", new Label("Training")),
                tab("Concrete", new Label("Concrete")),
                tab("Latents", new Label("Latents")));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        BorderPane root = new BorderPane(tabs);
        Scene scene = new Scene(root, 1200, 800);
        stage.setTitle("Concrete Explorer");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.show();
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setId(name.toLowerCase() + "-tab");
        return t;
    }
}
