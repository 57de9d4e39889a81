package org.concretelab.cli;

import java.nio.file.Path;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.data.MnistSplits;

/** The {@code --dataset} option's rules, shared by the commands that read images. */
final class DatasetChoice {
    private DatasetChoice() {
    }

    /** The dataset {@code name} (null: the default); an unknown one is an error naming {@code option}. */
    static Dataset named(String option, String name) {
        if (name == null) {
            return Datasets.defaultDataset();
        }
        try {
            return Datasets.named(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dataset a model is scored on: its own ({@code trained}), which {@code --dataset} may repeat but not change —
     * a model's NLL on another dataset's images is no figure of the paper's kind, and a mistaken one is easy to
     * publish. {@code source} names the model in the message.
     */
    static Dataset forModel(Dataset trained, String given, String source) {
        if (given == null) {
            return trained;
        }
        Dataset asked = named("--dataset", given);
        if (asked != trained) {
            throw new IllegalArgumentException("--dataset " + asked.name() + ": " + source + " was trained on "
                    + trained.label() + "; it is scored on its own dataset (drop --dataset, or give --dataset "
                    + trained.name() + ")");
        }
        return asked;
    }

    /** The splits of {@code cp}'s own dataset ({@link #forModel}), from {@code dir} or its default folder. */
    static MnistSplits splitsFor(org.concretelab.train.TrainingCheckpoint cp, String given, Path dir, Path checkpoint) {
        return load(forModel(cp.options().dataset(), given, checkpoint.toString()), dir);
    }

    /** {@code d}'s splits from {@code dir}, or from its default folder when {@code dir} is null. */
    static MnistSplits load(Dataset d, Path dir) {
        return MnistSplits.load(d, dir != null ? dir : d.defaultDir());
    }
}
