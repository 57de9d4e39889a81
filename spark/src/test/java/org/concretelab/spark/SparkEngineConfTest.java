package org.concretelab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The settings a sweep gives Spark: a local master listens on loopback only, with no web UI unless asked for. */
class SparkEngineConfTest {
    @Test
    void aLocalMasterBindsToLoopbackWithoutAWebUi() {
        SparkConf c = SparkEngine.conf(new SparkConf(false), "local[2]", "r", null);
        assertEquals("127.0.0.1", c.get("spark.driver.bindAddress"));
        assertEquals("127.0.0.1", c.get("spark.driver.host"));
        assertEquals("false", c.get("spark.ui.enabled"));
        assertEquals("false", c.get("spark.ui.killEnabled"));
        assertFalse(c.contains("spark.jars"), "nothing to ship in one process");
    }

    @Test
    void aWebUiAskedForIsKeptOnLoopbackOrRefused() {
        SparkConf asked = new SparkConf(false).set("spark.ui.enabled", "true").set("spark.driver.bindAddress", "0.0.0.0");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkEngine.conf(asked, "local[2]", "r", null));
        assertTrue(e.getMessage().contains("SPARK_LOCAL_IP=127.0.0.1"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SparkEngine.conf(asked.clone(), "local[*]", "r", "0.0.0.0"));
        SparkConf c = SparkEngine.conf(asked.clone(), "local[2]", "r", "127.0.0.1");
        assertEquals("true", c.get("spark.ui.enabled"));
        assertEquals("false", c.get("spark.ui.killEnabled"), "no one kills the sweep's stages from a browser");
        assertEquals("127.0.0.1", c.get("spark.driver.bindAddress"), "the driver stays on loopback whatever was set");
    }

    @Test
    void aClusterKeepsSparksOwnNetworkSettings() {
        SparkConf c = SparkEngine.conf(new SparkConf(false), "spark://127.0.0.1:7077", "r", null);
        assertFalse(c.contains("spark.driver.bindAddress"), "executors elsewhere must reach the driver");
        assertFalse(c.contains("spark.ui.enabled"));
    }
}
