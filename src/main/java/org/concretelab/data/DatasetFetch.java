package org.concretelab.data;

import java.nio.file.Path;

/**
 * Build entry point (Maven profile {@code fetch-fashion-mnist}): {@code <dataset> <folder> [--optional]} fetches a
 * dataset as {@code data --dataset <dataset> --fetch} does. With {@code --optional} a failure (no apt on this machine)
 * is a warning, not a failed build: the tests that need the dataset are then skipped, saying why.
 */
public final class DatasetFetch {
    private DatasetFetch() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DatasetFetch <dataset> <folder> [--optional]");
            System.exit(2);
        }
        Dataset d = Datasets.named(args[0]);
        boolean optional = args.length > 2 && args[2].equals("--optional");
        try {
            d.fetch(Path.of(args[1]), System.out);
        } catch (DataFileException e) {
            if (optional) {
                System.out.println("[WARNING] " + d.label() + " was not fetched, so the tests that need it will be skipped: "
                        + e.getMessage());
                return;
            }
            System.err.println(d.label() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
