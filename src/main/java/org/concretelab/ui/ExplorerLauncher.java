package org.concretelab.ui;

import javafx.application.Application;

/**
 * Starts the JavaFX app from a plain class path. A main class that itself extends
 * {@link Application} refuses to start when JavaFX is not on the module path, hence this indirection.
 */
public final class ExplorerLauncher {

    private ExplorerLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(ExplorerApp.class, args);
    }
}
