package org.concretelab.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The app's model work (which loads ND4J's native libraries) waits for the window's first frame: JavaCPP's symbol
 * lookup deadlocked glibc's loader against JavaFX loading its font library while the window was first drawn.
 */
class AppContextWindowGateTest {

    @Test
    void backgroundWorkWaitsForTheFirstFrameButNotForever() throws Exception {
        AppContext context = AppContext.standard().heldUntilWindowDrawn();
        CountDownLatch ran = new CountDownLatch(1);
        context.background().execute(ran::countDown);
        assertFalse(ran.await(1, TimeUnit.SECONDS), "model work ran before the window was drawn");
        context.windowDrawn();
        assertTrue(ran.await(10, TimeUnit.SECONDS), "and runs once it was");
        context.data().handle((d, e) -> null).get(30, TimeUnit.SECONDS); // MNIST's reading was not held (queued first)
    }
}
