package org.concretelab.train;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Requests from other threads (checkpoint, snapshot) that a {@link Trainer} serves between two steps. A task runs
 * holding the trainer's monitor, as {@link Trainer#start} does, so that it never overlaps a start.
 */
final class BoundaryTasks {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Object monitor;
    /** Woken when a task is queued (the trainer's pause loop waits on it). */
    private final Object wake;
    /** Whether the training thread has ended: then a waiting caller serves the queue itself. */
    private final BooleanSupplier ended;

    BoundaryTasks(Object monitor, Object wake, BooleanSupplier ended) {
        this.monitor = monitor;
        this.wake = wake;
        this.ended = ended;
    }

    /** Runs {@code task} at once ({@code now}: no training thread to wait for) or at the next boundary, and returns its result. */
    <T> T run(boolean now, Supplier<T> task) {
        if (now) {
            synchronized (monitor) {
                return task.get();
            }
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        queue.add(() -> {
            try {
                future.complete(task.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            while (true) {
                try {
                    return future.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (ended.getAsBoolean()) {
                        runQueued(); // the run ended after our request was queued: serve it here
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the trainer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs the queued tasks (on the training thread between steps, or by a caller once the run has ended). */
    void runQueued() {
        for (Runnable r; (r = queue.poll()) != null; ) {
            synchronized (monitor) {
                r.run();
            }
        }
    }
}
