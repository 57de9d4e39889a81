package org.concretelab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() throws Exception {
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
}
