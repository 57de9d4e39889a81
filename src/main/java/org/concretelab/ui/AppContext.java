package org.concretelab.ui;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.ui.settings.AppSettings;

/**
 * What the panes share: the MNIST splits (read once, in the background), a background executor for
 * tensor work that must stay off the FX thread, access to the shipped model, and the settings remembered
 * between launches.
 */
public final class AppContext {
    /** The shipped default model: in the jar, or under assets/models when run from the source tree. */
    public static final String SHIPPED_MODEL = "default.ckpt";
    /** The shipped completion model (the Complete tab's), beside it. */
    public static final String SHIPPED_COMPLETION_MODEL = "completion.ckpt";

    private final Path dataDir;
    private final ExecutorService background = Executors.newFixedThreadPool(1, r -> {
        Thread t = new Thread(r, "app-background");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<MnistSplits> data;
    private final AppSettings settings;

    /** A context that remembers nothing beyond its own life (tests). */
    public AppContext(Path dataDir) {
        this(dataDir, AppSettings.inMemory());
    }

    public AppContext(Path dataDir, AppSettings settings) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.data = CompletableFuture.supplyAsync(() -> MnistSplits.load(dataDir), background);
    }

    /** The default data folder; settings only in memory, so tests never touch the user's preferences. */
    public static AppContext standard() {
        return new AppContext(MnistFiles.defaultDir());
    }

    /** The default data folder and the user's preferences: the app itself. */
    public static AppContext forUser() {
        return new AppContext(MnistFiles.defaultDir(), AppSettings.userPreferences());
    }

    /** What the app remembers between launches. */
    public AppSettings settings() {
        return settings;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The splits, completing exceptionally with a DataFileException when MNIST is missing or damaged. */
    public CompletableFuture<MnistSplits> data() {
        return data;
    }

    public ExecutorService background() {
        return background;
    }

    /** Reads the shipped model checkpoint, if this build has one. */
    public Optional<TrainingCheckpoint> shippedModel() {
        return shippedModel(SHIPPED_MODEL);
    }

    /** Reads the shipped checkpoint {@code name} (e.g. {@link #SHIPPED_COMPLETION_MODEL}), if this build has it. */
    public Optional<TrainingCheckpoint> shippedModel(String name) {
        try (InputStream in = AppContext.class.getResourceAsStream("/org/concretelab/models/" + name)) {
            if (in != null) {
                return Optional.of(Checkpoints.load(in, "shipped model " + name));
            }
        } catch (java.io.IOException e) {
            // fall through to the source tree
        }
        Path file = Path.of("assets", "models", name);
        return Files.isRegularFile(file) ? Optional.of(Checkpoints.load(file)) : Optional.empty();
    }
}
