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

/**
 * What the panes share: the MNIST splits (read once, in the background), a background executor for
 * tensor work that must stay off the FX thread, and access to the shipped model.
 */
public final class AppContext {
    /** The shipped default model: in the jar, or under assets/models when run from the source tree. */
    public static final String SHIPPED_MODEL = "default.ckpt";

    private final Path dataDir;
    private final ExecutorService background = Executors.newFixedThreadPool(1, r -> {
        Thread t = new Thread(r, "app-background");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<MnistSplits> data;

    public AppContext(Path dataDir) {
        this.dataDir = dataDir;
        this.data = CompletableFuture.supplyAsync(() -> MnistSplits.load(dataDir), background);
    }

    public static AppContext standard() {
        return new AppContext(MnistFiles.defaultDir());
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
        try (InputStream in = AppContext.class.getResourceAsStream("/org/concretelab/models/" + SHIPPED_MODEL)) {
            if (in != null) {
                return Optional.of(Checkpoints.load(in, "shipped model " + SHIPPED_MODEL));
            }
        } catch (java.io.IOException e) {
            // fall through to the source tree
        }
        Path file = Path.of("assets", "models", SHIPPED_MODEL);
        return Files.isRegularFile(file) ? Optional.of(Checkpoints.load(file)) : Optional.empty();
    }
}
