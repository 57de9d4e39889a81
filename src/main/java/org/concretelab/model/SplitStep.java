package org.concretelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.concretelab.model.nn.Param;
import org.concretelab.model.optim.Adam;

/**
 * A training step cut into a fixed number of blocks of images ({@link #blocks(int, int)}: it depends on the batch,
 * never on the threads), each with its own workspace, latent layer, noise ({@link #partSeed}) and gradient slot;
 * the estimator sees the whole batch's log-weights at once (its statistics are the batch's, as unsplit); Adam adds
 * the slots in slot order. The threads take blocks from a shared counter, so a thread slowed by another process
 * costs its share of the blocks, not the whole step (a fixed half per thread waited for the slower one at every
 * pass), and the result depends on the seed alone: 1, 2 or 3 threads compute the same blocks and sum them in the
 * same order. {@link StepPasses} runs a step's passes through it.
 */
final class SplitStep {
    /**
     * No block smaller than this many rows (images × samples): a block's weight gradients are GEMMs whose inner
     * dimension is its rows, and at 16-17 rows one thread trained 35 % slower than unsplit; at 50, 5-10 % (measured
     * with bench, 200H~784V m = 1, --threads 1).
     */
    static final int MIN_BLOCK_ROWS = 50;
    /** At most this many blocks: each has a gradient slot of every parameter and a workspace. */
    static final int MAX_BLOCKS = 4;

    private final int threads;
    private final ThreadPoolExecutor pool;
    private final Adam adam;
    private final List<Param> params;
    /** Parameter indices, largest first: the order threads take them in Adam's step. */
    private final int[] bySize;

    SplitStep(int threads, List<Param> params, int estimatorParameterCount, Adam adam) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.adam = adam;
        this.params = List.copyOf(params);
        pool = threads == 1 ? null : new ThreadPoolExecutor(threads - 1, threads - 1, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "training-step-part");
                    t.setDaemon(true);
                    return t;
                });
        if (pool != null) {
            pool.allowCoreThreadTimeOut(true); // an idle model holds no threads
        }
        for (int i = 0; i < params.size() - estimatorParameterCount; i++) {
            params.get(i).ensureSlots(MAX_BLOCKS); // the estimator's own parameters are trained unsplit, in slot 0
        }
        bySize = java.util.stream.IntStream.range(0, params.size()).boxed()
                .sorted((a, b) -> Integer.compare(params.get(b).size(), params.get(a).size()))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * The blocks a step of {@code images} images of {@code times} rows each is cut into: as many as keep each block at
     * least {@link #MIN_BLOCK_ROWS} rows, at most {@link #MAX_BLOCKS} and at most one per image (1: the step runs
     * unsplit). A function of the batch alone, so that a run does not depend on the thread count.
     */
    static int blocks(int images, int times) {
        long rows = (long) images * times;
        return (int) Math.max(1, Math.min(Math.min(MAX_BLOCKS, images), rows / MIN_BLOCK_ROWS));
    }

    /** The first image of block {@code b} of {@code blocks} over {@code images} images ({@code b = blocks}: the end). */
    static int firstImage(int images, int blocks, int b) {
        return (int) ((long) images * b / blocks);
    }

    /** Block {@code part}'s noise seed (block 0 keeps the step's own). */
    static long partSeed(long noiseSeed, int part) {
        return part == 0 ? noiseSeed : noiseSeed + 0x9E3779B97F4A7C15L * part;
    }

    int threads() {
        return threads;
    }

    /** Adam's step on the sum of the first {@code blocks} gradient slots; threads take whole parameters, largest first. */
    void adamStep(long iteration, double learningRate, int blocks) {
        AtomicInteger next = new AtomicInteger();
        inThreads(() -> adamShare(next, iteration, learningRate, blocks));
    }

    private void adamShare(AtomicInteger next, long iteration, double learningRate, int blocks) {
        for (int i = next.getAndIncrement(); i < bySize.length; i = next.getAndIncrement()) {
            adam.step(iteration, learningRate, new int[] {bySize[i]}, blocks);
        }
    }

    /**
     * A step's end that runs in its blocks' fork ({@link #forBlocks(int, IntConsumer, BooleanSupplier, StepEnd)}): a
     * serial part (EMA centring's averages) on the thread that finishes the last block, then Adam's step over the
     * threads. The threads meet at a flag instead of a second fork, whose helper would wake late.
     */
    static final class StepEnd {
        private final Runnable serial;
        private final long iteration;
        private final double learningRate;
        private volatile boolean ran;

        StepEnd(Runnable serial, long iteration, double learningRate) {
            this.serial = serial;
            this.iteration = iteration;
            this.learningRate = learningRate;
        }

        /** Whether the last step's end ran (its blocks all said to proceed, and nothing failed). */
        boolean ran() {
            return ran;
        }
    }

    /**
     * work(b) for every block, then, if {@code proceed} (asked once every block is done) says so, {@code end}: its serial
     * part and Adam's step on the sum of the blocks' slots, all in one fork. The same arithmetic as {@link #forBlocks}
     * and {@link #adamStep} in turn.
     */
    void forBlocks(int blocks, IntConsumer work, BooleanSupplier proceed, StepEnd end) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger phase = new AtomicInteger(BLOCKS);
        AtomicInteger nextParam = new AtomicInteger();
        end.ran = false;
        inThreads(() -> {
            try {
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    work.accept(b);
                    if (done.incrementAndGet() == blocks) { // the last block: every slot is written
                        boolean go = proceed.getAsBoolean();
                        if (go) {
                            end.serial.run();
                        }
                        phase.set(go ? ADAM : NO_ADAM);
                    }
                }
            } catch (RuntimeException | Error e) {
                phase.set(NO_ADAM); // releases the others
                throw e;
            }
            awaitOtherBlocks(phase);
            if (phase.get() == ADAM) {
                adamShare(nextParam, end.iteration, end.learningRate, blocks);
            }
        });
        end.ran = phase.get() == ADAM;
    }

    private static final int BLOCKS = 0;
    private static final int ADAM = 1;
    private static final int NO_ADAM = 2;

    /**
     * Waits for the last block: a short spin (a block takes a fraction of a millisecond), then yielding, so that a thread
     * sharing its core with the last block's (a busy machine) gives it the core.
     */
    private static void awaitOtherBlocks(AtomicInteger phase) {
        for (int spins = 0; phase.get() == BLOCKS; spins++) {
            if (spins < 2_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** work(b) for every block b &lt; {@code blocks}, the threads (this one among them) taking blocks in turn. */
    void forBlocks(int blocks, IntConsumer work) {
        AtomicInteger next = new AtomicInteger();
        inThreads(() -> {
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                work.accept(b);
            }
        });
    }

    /** {@code drain} on every thread, this one included; waits for all, then rethrows the first failure. */
    private void inThreads(Runnable drain) {
        if (pool == null) {
            drain.run();
            return;
        }
        List<Future<?>> others = new ArrayList<>(threads - 1);
        for (int s = 1; s < threads; s++) {
            others.add(pool.submit(drain));
        }
        RuntimeException failure = null;
        try {
            drain.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (var f : others) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a training step's threads were running", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
