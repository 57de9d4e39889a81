package org.concretelab.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;

/**
 * Binarizes the next minibatch on a thread of its own while the current one trains (double buffering): the batch
 * is a pure function of (epoch, index), so prefetching changes no number, and a step split over threads leaves
 * idle moments (its threads wait for each other) that this fills. Measured: binarizing was a fifth of a
 * training step's Java time once the model's loops were vectorised. Not thread-safe: one trainer thread uses it.
 */
public final class BatchPrefetch implements AutoCloseable {
    private final MinibatchIterator batches;
    private final float[][] buffers;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "batch-prefetch");
        t.setDaemon(true);
        return t;
    });
    private int current;
    private Future<Integer> next;
    private int nextEpoch = -1;
    private int nextIndex = -1;
    private int rows;

    public BatchPrefetch(MinibatchIterator batches, int batchSize) {
        this.batches = batches;
        this.buffers = new float[2][batchSize * ImageSet.PIXELS];
    }

    /** Batch {@code index} of {@code epoch} (its rows: {@link #rows()}); valid until the next call. */
    public float[] batch(int epoch, int index) {
        Integer ready = null;
        if (next != null && epoch == nextEpoch && index == nextIndex) {
            try {
                ready = next.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // filled here below instead, once the prefetch let go of its buffer
            }
        }
        if (ready != null) {
            rows = ready;
            current = 1 - current;
        } else {
            if (next != null) {
                next.cancel(false);
                awaitQuietly(next); // the other buffer is free again before it is written below
            }
            current = 1 - current;
            rows = batches.fill(epoch, index, buffers[current]);
        }
        int followingEpoch = index + 1 < batches.batchesPerEpoch() ? epoch : epoch + 1;
        int followingIndex = index + 1 < batches.batchesPerEpoch() ? index + 1 : 0;
        float[] spare = buffers[1 - current];
        nextEpoch = followingEpoch;
        nextIndex = followingIndex;
        next = worker.submit(() -> batches.fill(followingEpoch, followingIndex, spare));
        return buffers[current];
    }

    private static void awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
                break; // a prefetch nobody wants
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public int rows() {
        return rows;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
