package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.Binarization;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strip's model: a column per epoch of a real (tiny) run, of the same test digits, keeping the last 20 epochs. */
class ReconstructionsViewModelTest {
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    @Test
    void eachEpochAddsAColumnOfTheSameTestDigitsAndOnlyTheLastTwentyAreKept() throws Exception {
        MnistSplits data = MnistSplits.load(MnistFiles.defaultDir());
        ReconstructionsViewModel vm = new ReconstructionsViewModel(background, ui::add, data::test);
        int epochs = ReconstructionsViewModel.MAX_COLUMNS + 2;
        // 100 images in batches of 50: two steps an epoch, validation on 50 images at k = 2
        TrainingOptions o = new TrainingOptions(RunFolders.spec("concrete", 1), 50, epochs, 3L, Binarization.DYNAMIC, 100, 50,
                2, tmp.resolve("run"), 0);
        Trainer t = new Trainer(o, data);
        vm.trainerProperty().set(t);
        assertTrue(vm.captionProperty().get().startsWith("Reconstructions of test digits 0–7 by each epoch's model of run ("),
                vm.captionProperty().get());
        t.start();
        assertTrue(t.awaitTermination(300, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state());
        // one ui update for the inputs and one per epoch
        for (int i = 0; i < epochs + 1; i++) {
            Runnable r = ui.poll(60, TimeUnit.SECONDS);
            assertNotNull(r, "update " + i + " came back");
            r.run();
        }
        float[][] inputs = vm.inputsProperty().get();
        assertEquals(ReconstructionsViewModel.DIGITS, inputs.length);
        ImageSet test = data.test();
        for (int digit = 0; digit < inputs.length; digit++) {
            int first = 0;
            while (test.label(first) != digit) {
                first++;
            }
            assertArrayEquals(test.pixelsOf(first), inputs[digit], "input " + digit + " is the first test image of a " + digit);
        }
        List<ReconstructionsViewModel.Column> columns = vm.columns();
        assertEquals(ReconstructionsViewModel.MAX_COLUMNS, columns.size(), "the oldest epochs are let go");
        assertEquals(3, columns.get(0).epoch());
        assertEquals(epochs, columns.get(columns.size() - 1).epoch());
        assertEquals(epochs * 2L, columns.get(columns.size() - 1).step(), "the epoch's own model: at its last step");
        for (ReconstructionsViewModel.Column c : columns) {
            assertEquals(ReconstructionsViewModel.DIGITS, c.means().length);
            for (float[] m : c.means()) {
                assertEquals(ImageSet.PIXELS, m.length);
                for (float p : m) {
                    assertTrue(p >= 0 && p <= 1, "a pixel mean: " + p);
                }
            }
        }
        assertTrue(vm.captionProperty().get().contains("of run: the input, then the last 20 epochs (2 earlier not kept)"), vm.captionProperty().get());

        vm.trainerProperty().set(null);
        assertEquals(0, vm.columns().size(), "no run, no strip");
        assertEquals("", vm.captionProperty().get());
    }
}
