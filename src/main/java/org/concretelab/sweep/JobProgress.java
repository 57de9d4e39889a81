package org.concretelab.sweep;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.concretelab.train.RunLog;

/**
 * How far a job's training has got, read from the logs train writes in its folder: the last step row of
 * {@code training.csv} (flushed every few hundred steps and at each epoch's end) and the validated epochs of
 * {@code epochs.csv}. Files only, so that the driver of a Spark sweep follows jobs on other machines through the
 * shared results root.
 *
 * @param step       the last logged step
 * @param epoch      the epoch that step belongs to (from 1)
 * @param epochsDone epochs validated and checkpointed
 */
public record JobProgress(long step, int epoch, int epochsDone) {
    /** Bytes read from the end of a log: many rows, whatever the run's length. */
    private static final int TAIL = 4096;

    /** The job's progress, or empty when it has logged no step yet. */
    public static Optional<JobProgress> read(Path dir) {
        Optional<String[]> stepRow = lastRow(dir.resolve(RunLog.STEPS));
        if (stepRow.isEmpty()) {
            return Optional.empty();
        }
        int done = lastRow(dir.resolve(RunLog.EPOCHS)).map(r -> Integer.parseInt(r[0])).orElse(0);
        String[] s = stepRow.get();
        return Optional.of(new JobProgress(Long.parseLong(s[0]), Integer.parseInt(s[1]), done));
    }

    /** "epoch 2/6, step 350", or "trained 6 epochs (1,200 steps); scoring the test set". */
    public String describe(int epochs) {
        if (epochsDone >= epochs) {
            return String.format(Locale.ROOT, "trained %d epochs (%,d steps); scoring the test set", epochsDone, step);
        }
        return String.format(Locale.ROOT, "epoch %d/%d, step %,d", Math.min(epoch, epochs), epochs, step);
    }

    /** The last whole data row of a CSV log (a row being written has no line end yet), split at commas. */
    private static Optional<String[]> lastRow(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(TAIL, length);
            byte[] tail = new byte[n];
            f.seek(length - n);
            f.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            while (end > 0) {
                int start = text.lastIndexOf('\n', end - 1) + 1;
                String[] row = text.substring(start, end).split(",");
                if (row.length >= 2 && row[0].chars().allMatch(Character::isDigit) && !row[0].isEmpty()
                        && row[1].chars().allMatch(Character::isDigit) && !row[1].isEmpty()) {
                    return Optional.of(row);
                }
                if (start == 0) {
                    break;
                }
                end = start - 1;
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // being replaced (a resume cuts the logs): the next look will see it
        }
    }
}
