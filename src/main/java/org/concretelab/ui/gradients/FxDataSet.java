package org.concretelab.ui.gradients;

import io.fair_acc.dataset.locks.DataSetLock;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.function.Supplier;

/**
 * A data set written and drawn on the FX thread only, so it needs no lock. chart-fx read-locks a chart's data sets
 * when it lays the chart out and unlocks them after the next pulse's layout; a layout outside a pulse (showing the
 * window) leaves them locked until then, and a write from the FX thread in between (a {@code runLater}) would wait
 * for that pulse on the thread that has to run it: the app froze at start-up with the default lock.
 */
final class FxDataSet extends DoubleDataSet {
    private final transient DataSetLock<FxDataSet> none = new NoLock(this);

    FxDataSet(String name) {
        super(name);
    }

    FxDataSet(String name, int capacity) {
        super(name, capacity);
    }

    @Override
    @SuppressWarnings("unchecked")
    public DataSetLock<DoubleDataSet> lock() {
        return (DataSetLock<DoubleDataSet>) (DataSetLock<?>) none;
    }

    /** Every guard runs its block at once. */
    private record NoLock(FxDataSet set) implements DataSetLock<FxDataSet> {
        @Override
        public FxDataSet readLock() {
            return set;
        }

        @Override
        public FxDataSet readLockGuard(Runnable reading) {
            reading.run();
            return set;
        }

        @Override
        public <R> R readLockGuard(Supplier<R> reading) {
            return reading.get();
        }

        @Override
        public FxDataSet readLockGuardOptimistic(Runnable reading) {
            reading.run();
            return set;
        }

        @Override
        public <R> R readLockGuardOptimistic(Supplier<R> reading) {
            return reading.get();
        }

        @Override
        public FxDataSet readUnLock() {
            return set;
        }

        @Override
        public FxDataSet writeLock() {
            return set;
        }

        @Override
        public FxDataSet writeLockGuard(Runnable writing) {
            writing.run();
            return set;
        }

        @Override
        public <R> R writeLockGuard(Supplier<R> writing) {
            return writing.get();
        }

        @Override
        public FxDataSet writeUnLock() {
            return set;
        }
    }
}
