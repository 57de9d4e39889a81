package org.concretelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.concretelab.train.AtomicFiles;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export}: a model-only copy of a checkpoint (no optimiser moments; a third of the size) for sharing. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model-only copy of a checkpoint (without Adam's moments, ~1/3 of the size).",
            "It loads in the app and in eval; training cannot resume from it exactly."})
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "checkpoint to read")
    Path source;

    @Parameters(index = "1", description = "model file to write")
    Path target;

    @Option(names = "--force", description = "replace an existing file (never the checkpoint being read)")
    boolean force;

    @Override
    public Integer call() throws Exception {
        String refusal = refusal();
        if (refusal != null) {
            System.err.println("error: " + refusal);
            return 2;
        }
        // a killed export's temp file (model.ckpt123.tmp), as a run folder's are removed when a run starts
        AtomicFiles.removeLeftovers(target).forEach(n -> System.out.println("note: removed " + n
                + ", left by an interrupted export"));
        try {
            TrainingCheckpoint cp = Checkpoints.load(source);
            Checkpoints.save(target, cp, false);
            System.out.printf("%s: %s, step %d, epoch %d -> %s (%,d bytes)%n", source, cp.options().spec().describe(),
                    cp.step(), cp.epoch(), target, Files.size(target));
            return 0;
        } catch (CheckpointException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Why writing {@code target} would lose something, or null. The source is compared by real path (symlinks, ../). */
    private String refusal() throws IOException {
        if (Files.exists(source) && Files.exists(target) && Files.isSameFile(source, target)) {
            return "export " + source + " " + target + " would replace the checkpoint with a model-only copy (its Adam"
                    + " moments, needed to resume training, would be lost); choose another file name for the copy";
        }
        if (Files.isDirectory(target)) {
            return target + " is a folder; give the file to write, e.g. " + target.resolve("model.ckpt");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
            return target + " already exists; choose another file name, or add --force to replace it";
        }
        return null;
    }
}
