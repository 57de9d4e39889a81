package org.concretelab.spark;

import org.concretelab.cli.ExplorerCommand;
import org.concretelab.platform.NativeEnvironment;

/**
 * Entry point of concrete-explorer-spark.jar: the command line (no desktop app: this jar leaves JavaFX out), whose
 * {@code sweep} runs on Apache Spark. Under {@code java -jar} the JVM relaunches once with the native settings, as the
 * app's own launcher does; under spark-submit (which loads this jar through a class loader of its own) it runs as is.
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("concrete-explorer-spark: the command line, with Apache Spark as the sweep's engine; e.g.");
            System.err.println("  java -jar concrete-explorer-spark.jar sweep sweeps/architectures-m1.sweep --master local[2]");
            ExplorerCommand.newCommandLine().usage(System.err);
            System.exit(2);
        }
        if (NativeEnvironment.relaunchIfNeeded(SparkMain.class, args)) {
            return;
        }
        System.exit(ExplorerCommand.run(args));
    }
}
