package org.concretelab.ui;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
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
    /**
     * The shipped Fashion-MNIST model, beside it: 200H~784V binary, 30 epochs (`train --dataset fashion-mnist --epochs 30
     * --threads 1`), test NLL 244.50 nats (all 10,000 test images, k = 1000).
     */
    public static final String SHIPPED_FASHION_MODEL = "fashion.ckpt";
    /** The shipped completion model (the Complete tab's), beside it. */
    public static final String SHIPPED_COMPLETION_MODEL = "completion.ckpt";
    /**
     * The shipped completion model's measured test NLL of the bottom half given the top half (nats; the first
     * {@value #SHIPPED_COMPLETION_IMAGES} test digits, k = {@value #SHIPPED_COMPLETION_K}, {@code eval
     * assets/models/completion.ckpt -k 1000 --limit 1000}): measured for the file of step
     * {@value #SHIPPED_COMPLETION_STEP} (ShippedCompletionLabelTest fails when another one is shipped without it).
     */
    public static final double SHIPPED_COMPLETION_NLL = 65.88;
    public static final int SHIPPED_COMPLETION_IMAGES = 1000;
    public static final int SHIPPED_COMPLETION_K = 1000;
    public static final long SHIPPED_COMPLETION_STEP = 2000;

    /**
     * What the Complete tab says of the shipped completion model {@code cp}: which model it is, how short its run was and
     * its measured NLL (the figure is {@link #SHIPPED_COMPLETION_NLL}'s only for the file it was measured on).
     */
    public static String shippedCompletionLabel(TrainingCheckpoint cp) {
        String what = cp.options().spec().describe() + ", shipped demo model (" + cp.epoch() + " epochs, "
                + String.format(java.util.Locale.ROOT, "%,d", cp.step()) + " steps)";
        if (cp.step() != SHIPPED_COMPLETION_STEP) {
            return what + "; its test NLL was not measured (eval it)";
        }
        return what + String.format(java.util.Locale.ROOT, "; test NLL of the bottom half %.2f nats (first %,d test digits,"
                + " k = %,d): a short run, not the README's long one", SHIPPED_COMPLETION_NLL, SHIPPED_COMPLETION_IMAGES,
                SHIPPED_COMPLETION_K);
    }

    private final Path dataDir;
    private final ExecutorService background = Executors.newFixedThreadPool(1, r -> {
        Thread t = new Thread(r, "app-background");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<MnistSplits> data;
    private final CountDownLatch windowDrawn = new CountDownLatch(1);
    private static final int WINDOW_WAIT_SECONDS = 20;
    /** The other datasets' splits, each read once in the background when first asked for. */
    private final Map<Dataset, CompletableFuture<MnistSplits>> others = new ConcurrentHashMap<>();
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

    /** The default data folder and the user's preferences: the app itself (its model work waits for the window). */
    public static AppContext forUser() {
        return new AppContext(MnistFiles.defaultDir(), AppSettings.userPreferences()).heldUntilWindowDrawn();
    }

    /** This context, its background work after MNIST's reading held until {@link #windowDrawn()} (see below). */
    public AppContext heldUntilWindowDrawn() {
        background.execute(this::awaitWindowDrawn);
        return this;
    }

    /**
     * Held after MNIST's reading (plain Java) until the window's first frame: the model work after it loads ND4J's native
     * libraries, and JavaCPP looks symbols up with dlopen inside dl_iterate_phdr, which deadlocks glibc's loader against
     * a dlopen on another thread — JavaFX loads its font library while the window is first drawn (seen: the window
     * never appeared, in about one launch of twenty). At most {@value #WINDOW_WAIT_SECONDS} s, should no frame come.
     */
    private void awaitWindowDrawn() {
        try {
            windowDrawn.await(WINDOW_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The window has drawn its first frame (its native libraries are loaded): the model work may start. */
    public void windowDrawn() {
        windowDrawn.countDown();
    }

    /**
     * Calls {@link #windowDrawn()} once the window's first frame is done (on the FX thread, after it is shown): at the
     * third pulse — an AnimationTimer runs before its pulse's CSS and layout, and the first frame is rendered while the
     * second pulse begins.
     */
    public void windowDrawnAfterFirstFrame() {
        Pulses.after(3, this::windowDrawn);
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

    /**
     * {@code d}'s splits, read once in the background (MNIST's are {@link #data()}); the other datasets' folders sit
     * beside MNIST's ({@code data/fashion-mnist} beside {@code data/mnist}), as {@code data --dataset} puts them.
     */
    public CompletableFuture<MnistSplits> data(Dataset d) {
        if (d == Datasets.MNIST) {
            return data;
        }
        return others.computeIfAbsent(d, k -> CompletableFuture.supplyAsync(() -> MnistSplits.load(k, dataDir(k)), background));
    }

    /** {@code d}'s folder: {@link #dataDir()} for MNIST, its sibling named after {@code d} for another dataset. */
    public Path dataDir(Dataset d) {
        return d == Datasets.MNIST ? dataDir : dataDir.toAbsolutePath().resolveSibling(d.name());
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
