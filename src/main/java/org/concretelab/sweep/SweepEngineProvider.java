package org.concretelab.sweep;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An engine that is not part of this program's own jar — Apache Spark, in concrete-explorer-spark.jar — found through
 * {@link ServiceLoader}, so that the desktop app's class path and download never hold it.
 */
public interface SweepEngineProvider {
    /** What runs the jobs, e.g. {@code Apache Spark 4.0.1}. */
    String name();

    /**
     * An engine for {@code master}, or for the provider's default when it is null (Spark: the master spark-submit
     * gave, else {@code local[parallel]} in this process).
     *
     * @param parallel jobs at a time when the jobs run on this machine
     * @throws IllegalArgumentException when {@code master} is not a master URL the engine takes
     * @throws IllegalStateException    when the engine cannot start there (e.g. the master cannot be reached)
     */
    SweepEngine create(String master, int parallel);

    /** The provider on the class path (the Spark build's), if any. */
    static Optional<SweepEngineProvider> find() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader(); // spark-submit's, holding the application jar
        return ServiceLoader.load(SweepEngineProvider.class, loader != null ? loader : SweepEngineProvider.class.getClassLoader())
                .findFirst();
    }
}
