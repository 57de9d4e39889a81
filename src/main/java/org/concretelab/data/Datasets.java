package org.concretelab.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets this build knows, by name. Adding one is a class extending {@link Dataset} and one line here; the
 * CLI's {@code --dataset}, sweep files, the Training form and checkpoints take it from this list.
 */
public final class Datasets {
    public static final Dataset MNIST = new MnistDataset();
    public static final Dataset FASHION_MNIST = new FashionMnistDataset();
    public static final Dataset OMNIGLOT = new OmniglotDataset();

    private static final Map<String, Dataset> REGISTRY = new LinkedHashMap<>();

    static {
        register(MNIST); // first: the default, and what a checkpoint without a dataset was trained on
        register(FASHION_MNIST);
        register(OMNIGLOT);
    }

    private Datasets() {
    }

    private static void register(Dataset d) {
        if (REGISTRY.putIfAbsent(d.name(), d) != null) {
            throw new IllegalStateException("two datasets named " + d.name());
        }
    }

    /** The dataset of a run that names none (and of every checkpoint written before datasets were recorded). */
    public static Dataset defaultDataset() {
        return MNIST;
    }

    static boolean isDefault(Dataset d) {
        return d == MNIST;
    }

    /** The names, the default first. */
    public static List<String> names() {
        return new ArrayList<>(REGISTRY.keySet());
    }

    public static List<Dataset> all() {
        return new ArrayList<>(REGISTRY.values());
    }

    /** The dataset called {@code name} (case-insensitive); an {@link IllegalArgumentException} lists the known ones. */
    public static Dataset named(String name) {
        Dataset d = name == null ? null : REGISTRY.get(name.strip().toLowerCase(java.util.Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; this build knows " + String.join(", ", names()));
        }
        return d;
    }
}
