package org.concretelab.ui.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.ExplorerApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help → "What is the Concrete distribution?" and About, opened from the main window's menu. */
@ExtendWith(ApplicationExtension.class)
class HelpWindowTest {
    private ExplorerApp app;

    @Start
    void start(Stage stage) {
        app = new ExplorerApp();
        stage.setScene(new Scene(app.build(AppContext.standard()), 1200, 700));
        stage.show();
    }

    private Stage openHelp(FxRobot robot) throws Exception {
        robot.clickOn("Help");
        robot.clickOn("What is the Concrete distribution?");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.helpWindow() != null && app.helpWindow().stage().isShowing());
        return app.helpWindow().stage();
    }

    @Test
    void theConcretePageShowsRenderedFormulasAndTheShortcuts(FxRobot robot) throws Exception {
        Stage help = openHelp(robot);
        List<ImageView> formulas = robot.from(help.getScene().getRoot()).lookup(".formula").queryAllAs(ImageView.class)
                .stream().toList();
        assertEquals(5, formulas.size());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> formulas.stream().allMatch(v -> v.getImage() != null));
        WaitForAsyncUtils.waitForFxEvents();
        for (ImageView v : formulas) {
            Image image = v.getImage();
            assertTrue(image.getWidth() > 100 && image.getHeight() > 20, v.getId() + " " + image.getWidth() + "×" + image.getHeight());
            assertTrue(inkFraction(image) > 0.01, v.getId() + " is blank");
            assertTrue(v.getBoundsInParent().getWidth() > 50, v.getId() + " is not laid out");
        }
        Set<String> keys = robot.from(help.getScene().getRoot()).lookup((java.util.function.Predicate<Node>) n -> n.getId() != null && n.getId().startsWith("shortcut-keys-"))
                .queryAllAs(Label.class).stream().map(Label::getText).collect(Collectors.toSet());
        assertEquals(Set.of("Ctrl+Enter", "Ctrl+P", "Ctrl+.", "Ctrl+S", "Ctrl+O", "F1", "Ctrl+Q", "Tab, Shift+Tab", "← → ↑ ↓",
                "Page Up, Page Down", "Home, End", "Space", "Ctrl+Tab, Ctrl+Shift+Tab", "Ctrl+Z, Ctrl+Y", "Esc"), keys);
        String page = allText(help.getScene().getRoot());
        for (String s : new String[] {"λ1 (posterior temperature)", "λ2 (prior temperature)", "m (samples)",
                "arxiv.org/abs/1611.00712", "arxiv.org/abs/1611.01144", "The paper's VAE, trained here"}) {
            assertTrue(page.contains(s), "help page lacks " + s);
        }
    }

    @Test
    void aboutShowsVersionLicenceAndThePapers(FxRobot robot) throws Exception {
        robot.clickOn("Help");
        robot.clickOn("About Concrete Explorer");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.helpWindow() != null && app.helpWindow().stage().isShowing());
        Node root = app.helpWindow().stage().getScene().getRoot();
        Label version = robot.from(root).lookup("#about-version").queryAs(Label.class);
        assertTrue(version.getText().startsWith("Version "), version.getText());
        assertTrue(version.isVisible() && version.getScene() != null);
        String page = allText(root);
        assertTrue(page.contains("MIT licence"));
        assertTrue(page.contains("https://arxiv.org/abs/1611.00712") && page.contains("https://arxiv.org/abs/1611.01144"));
    }

    @Test
    void f1OpensTheHelp(FxRobot robot) throws Exception {
        robot.clickOn("#status-bar");
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.helpWindow() != null && app.helpWindow().stage().isShowing());
        assertNotNull(app.helpWindow());
    }

    @Test
    void escapeClosesTheHelp(FxRobot robot) throws Exception {
        Stage help = openHelp(robot);
        robot.interact(help::requestFocus);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !help.isShowing());
    }

    @Test
    void ctrlQQuitsFromTheAppMenu(FxRobot robot) throws Exception {
        java.util.concurrent.atomic.AtomicInteger quits = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> app.setOnQuit(quits::incrementAndGet));
        robot.clickOn("#status-bar");
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> quits.get() == 1);
        robot.clickOn("App");
        robot.clickOn("Quit");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> quits.get() == 2);
    }

    private static String allText(Node root) {
        StringBuilder sb = new StringBuilder();
        collect(root, sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Label l) {
            sb.append(l.getText()).append('\n');
        } else if (n instanceof TextField f) {
            sb.append(f.getText()).append('\n');
        }
        if (n instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
            collect(s.getContent(), sb);
        }
        if (n instanceof javafx.scene.control.TabPane t) {
            t.getTabs().forEach(tab -> collect(tab.getContent(), sb));
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, sb));
        }
    }

    private static double inkFraction(Image image) {
        PixelReader r = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int ink = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = r.getArgb(x, y);
                if ((argb >>> 24) > 128 && (argb & 0xFF) < 128) {
                    ink++;
                }
            }
        }
        return ink / (double) (w * h);
    }
}
