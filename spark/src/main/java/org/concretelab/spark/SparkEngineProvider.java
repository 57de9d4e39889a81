package org.concretelab.spark;

import org.apache.spark.SparkContext;
import org.concretelab.sweep.SweepEngine;
import org.concretelab.sweep.SweepEngineProvider;

/** Apache Spark as the sweep's engine, found by {@code sweep} through {@link java.util.ServiceLoader}. */
public final class SparkEngineProvider implements SweepEngineProvider {
    @Override
    public String name() {
        String version = SparkContext.class.getPackage().getImplementationVersion();
        return "Apache Spark" + (version != null ? " " + version : "");
    }

    /** {@code master} null: spark-submit's (its --master arrives as the spark.master property), else local[parallel]. */
    @Override
    public SweepEngine create(String master, int parallel) {
        String chosen = master != null ? master : System.getProperty("spark.master", "local[" + parallel + "]");
        SparkMasters.check(chosen);
        return new SparkEngine(name(), chosen);
    }
}
