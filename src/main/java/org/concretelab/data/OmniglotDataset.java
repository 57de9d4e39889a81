package org.concretelab.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.concretelab.platform.Installation;

/**
 * Omniglot as Burda, Grosse & Salakhutdinov prepared it for the IWAE paper (the Concrete paper's second dataset):
 * 24,345 training and 8,070 test images of handwritten characters of 50 alphabets, 28×28, in {@code chardata.mat}
 * (github.com/yburda/iwae, datasets/OMNIGLOT/chardata.mat). No registry reachable from here ships it, so a user
 * supplies the file and {@code data --dataset omniglot --from chardata.mat} converts it ({@link OmniglotImport}) into
 * the four IDX files plus {@code SHA256SUMS}, the checksums the conversion wrote (they guard against later damage;
 * the file's own provenance cannot be pinned here). Split as REBAR, RELAX and ARM do: the last 1,345 training images
 * validate, so 23,000 / 1,345 / 8,070. Labels are the alphabets, 0..49.
 */
final class OmniglotDataset extends Dataset {
    static final String SUMS = "SHA256SUMS";

    OmniglotDataset() {
        super("omniglot", "Omniglot", 23_000, 1_345, 8_070, 50);
    }

    @Override
    public String provenance() {
        return "chardata.mat of github.com/yburda/iwae, folder datasets/OMNIGLOT, converted by `data --dataset omniglot --from`";
    }

    /** From the {@code SHA256SUMS} the conversion wrote beside the files; null without one. */
    @Override
    public String expectedSha256(Path dir, String file) {
        try {
            for (String line : Files.readAllLines(dir.resolve(SUMS))) {
                String[] parts = line.strip().split("\\s+\\*?");
                if (parts.length == 2 && parts[1].equals(file)) {
                    return parts[0];
                }
            }
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw MnistFiles.readProblem(dir.resolve(SUMS), e, this);
        }
    }

    @Override
    public void fetch(Path dir, PrintStream log) {
        if (MnistFiles.complete(this, dir)) {
            log.println("Omniglot: " + dir + " holds all four files, SHA-256 verified.");
            return;
        }
        throw new DataFileException("Omniglot cannot be fetched: no registry reachable from here ships it. "
                + byHand(dir));
    }

    @Override
    public String byHand(Path dir) {
        return "download chardata.mat from github.com/yburda/iwae (datasets/OMNIGLOT/chardata.mat) and run "
                + fetchCommand(dir);
    }

    @Override
    public String fetchCommand(Path dir) {
        boolean standard = dir == null || dir.toAbsolutePath().equals(defaultDir().toAbsolutePath());
        return "`" + Installation.command() + " data --dataset omniglot --from chardata.mat"
                + (standard ? "" : " --dir " + dir) + "`";
    }

    @Override
    public String remedy(Path dir) {
        return byHand(dir);
    }
}
