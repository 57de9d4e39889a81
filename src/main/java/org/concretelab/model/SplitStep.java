package org.concretelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.concretelab.model.nn.Param;
import org.concretelab.model.optim.Adam;

/**
 * A training step split over {@code parts} threads (data parallel): thread s takes a contiguous block of the batch's
 * images with its own workspace, latent layer, noise ({@link #partSeed}) and gradient slot; the estimator sees the
 * whole batch's log-weights at once (its statistics are the batch's, as unsplit); Adam adds the slots in slot order,
 * each thread updating its share of the parameters. The result depends on the seed and the number of threads only,
 * never on timing. {@link StepPasses} runs a step's passes through it.
 */
final class SplitStep {
    private final int parts;
    private final ThreadPoolExecutor pool;
    private final Adam adam;
    /** Parameter indices each thread updates in Adam, balanced by size. */
    private final int[][] adamShare;

    SplitStep(int parts, List<Param> params, int estimatorParameterCount, Adam adam) {
        this.parts = parts;
        this.adam = adam;
        pool = new ThreadPoolExecutor(parts - 1, parts - 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "training-step-part");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true); // an idle model holds no threads
        for (int i = 0; i < params.size() - estimatorParameterCount; i++) {
            params.get(i).ensureSlots(parts); // the estimator's own parameters are trained unsplit, in slot 0
        }
        adamShare = Adam.share(params, parts);
    }

    /** Thread {@code part}'s noise seed in a step split over threads (part 0 keeps the step's own). */
    static long partSeed(long noiseSeed, int part) {
        return part == 0 ? noiseSeed : noiseSeed + 0x9E3779B97F4A7C15L * part;
    }

    int parts() {
        return parts;
    }

    void adamStep(long iteration, double learningRate) {
        inParallel(s -> adam.step(iteration, learningRate, adamShare[s], parts));
    }

    /** work(s) for every part, part 0 on this thread; waits for all, then rethrows the first failure. */
    void inParallel(IntConsumer work) {
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int s = 1; s < parts; s++) {
            int part = s;
            others.add(pool.submit(() -> work.accept(part)));
        }
        RuntimeException failure = null;
        try {
            work.accept(0);
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
        pool.shutdown();
    }
}
