package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.Binarization;
import org.concretelab.data.MnistFiles;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Training tab's state and commands without a stage: the "FX thread" is this test's thread, which runs
 * what the view model hands to its ui executor.
 */
class TrainingViewModelTest {
    private final AppSettings settings = AppSettings.inMemory();
    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @TempDir
    Path tmp;

    /** A view model as the app would make it on launch, on the shared settings. */
    private TrainingViewModel launch() {
        TrainingViewModel vm = new TrainingViewModel(new AppContext(MnistFiles.defaultDir(), settings), ui::add);
        vm.setFeedback(new TrainingViewModel.Feedback() {
            @Override
            public void info(String text) {
                infos.add(text);
            }

            @Override
            public void error(String what, String todo) {
                errors.add(what);
            }
        });
        return vm;
    }

    /** Runs the next task the background work hands back. */
    private void awaitUi() throws InterruptedException {
        Runnable r = ui.poll(60, TimeUnit.SECONDS);
        assertNotNull(r, "the background work reported back");
        r.run();
    }

    /** The shipped model in a folder of its own (no logs beside it). */
    private Path checkpoint(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        return Files.copy(Path.of("assets", "models", AppContext.SHIPPED_MODEL), dir.resolve("last.ckpt"));
    }

    @Test
    void theFormsValuesComeBackOnTheNextLaunch() {
        TrainingViewModel first = launch();
        first.form().latentProperty().set(LatentKind.CATEGORICAL);
        first.form().unitsProperty().set("40");
        first.form().lambda2Property().set("0.3");
        first.form().epochsProperty().set("oops");
        TrainingViewModel next = launch();
        assertEquals(LatentKind.CATEGORICAL, next.form().latentProperty().get());
        assertEquals("40", next.form().unitsProperty().get());
        assertEquals("0.3", next.form().lambda2Property().get());
        assertEquals("100", next.form().epochsProperty().get(), "a value that is no number gives way to the default");
        assertEquals("", next.form().invalidFieldProperty().get());
        assertTrue(next.canStartProperty().get());
    }

    @Test
    void corruptOrInvalidStoredValuesFallBackToTheDefaultsSilently() {
        settings.put(TrainingViewModel.FORM_KEY + "architecture", "NONLINEAR_SEVEN");
        settings.put(TrainingViewModel.FORM_KEY + "latentKind", "CATEGORICAL");
        settings.put(TrainingViewModel.FORM_KEY + "classes", "1"); // a number, but no valid K
        settings.put(TrainingViewModel.FORM_KEY + "learningRate", "1e-3x");
        settings.put(TrainingViewModel.FORM_KEY + "trainLimit", "50");
        settings.put(TrainingViewModel.FORM_KEY + "batchSize", "100"); // fine alone, too large for 50 images
        TrainingViewModel vm = launch();
        assertNotNull(vm.form().options(), vm.form().problemProperty().get());
        assertEquals(org.concretelab.model.Architecture.NONLINEAR_ONE, vm.form().architectureProperty().get());
        assertEquals(LatentKind.CATEGORICAL, vm.form().latentProperty().get());
        assertEquals(org.concretelab.model.PaperDefaults.CLASSES, vm.form().options().spec().classes());
        assertEquals(org.concretelab.model.PaperDefaults.LEARNING_RATE, vm.form().options().spec().learningRate());
        assertTrue(vm.form().options().batchSize() <= 50 || vm.form().options().trainLimit() == 0, vm.form().options().toString());
        assertTrue(errors.isEmpty() && infos.isEmpty(), "silently");
    }

    @Test
    void aLoadedCheckpointIsShownRememberedInRecentAndItsFolderIsWhereTheChooserOpens() throws Exception {
        TrainingViewModel vm = launch();
        List<Object> models = new ArrayList<>();
        vm.setOnModelLoaded(models::add);
        Path file = checkpoint("run-a");
        vm.load(file);
        awaitUi();
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(infos.get(infos.size() - 1).startsWith("Loaded last.ckpt"), infos.toString());
        assertEquals("Continue", vm.startTextProperty().get());
        assertEquals(1, models.size());
        assertEquals(List.of(file.toAbsolutePath().normalize()), vm.recentCheckpoints());
        assertEquals(Optional.of(file.toAbsolutePath().getParent()), vm.checkpointFolder());

        Path other = checkpoint("run-b");
        vm.load(other);
        awaitUi();
        TrainingViewModel next = launch();
        assertEquals(List.of(other.toAbsolutePath().normalize(), file.toAbsolutePath().normalize()), next.recentCheckpoints());
        assertEquals(Optional.of(other.toAbsolutePath().getParent()), next.checkpointFolder());

        Files.delete(other);
        Files.delete(other.getParent());
        next.refreshRecent();
        assertEquals(List.of(file.toAbsolutePath().normalize()), next.recentCheckpoints(), "a missing file is dropped");
        assertNotEquals(Optional.of(other.toAbsolutePath().getParent()), launch().checkpointFolder(), "a deleted folder is not offered");
    }

    /** The step chart names the objective the shown run's estimator trains, not always the relaxed ELBO. */
    @Test
    void theStepChartNamesTheLoadedRunsObjective() throws Exception {
        TrainingViewModel vm = launch();
        assertEquals("Training objective per step (training minibatches)", vm.charts().stepTitleProperty().get());
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 4, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3, "nvil");
        TrainingOptions o = new TrainingOptions(spec, 10, 2, 1, Binarization.DYNAMIC, 100, 20, 5, null, 0);
        Path nvil = Files.createDirectories(tmp.resolve("nvil")).resolve("last.ckpt");
        Checkpoints.save(nvil, new TrainingCheckpoint(o, VaeModels.create(spec, 1).state(), 0, 0, 0));
        vm.load(nvil);
        awaitUi();
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals("Discrete ELBO per step (training minibatches)", vm.charts().stepTitleProperty().get());
        Path csv = tmp.resolve("nvil-curves.csv");
        vm.exportCsv(csv);
        assertTrue(Files.readString(csv).startsWith("step,discrete_elbo,running_mean\n"), "the export names it too");
        vm.load(checkpoint("shipped"));
        awaitUi();
        assertEquals("Relaxed bound per step (training minibatches)", vm.charts().stepTitleProperty().get());
        // logs without their checkpoint: the column's name says what was optimised
        Path logs = Files.createDirectories(tmp.resolve("vimco-logs"));
        Files.writeString(logs.resolve("training.csv"), "step,epoch,discrete_bound,running_mean,examples_per_s\n1,1,-130,-130,900\n");
        Files.writeString(logs.resolve("epochs.csv"), org.concretelab.train.RunLog.EPOCHS_HEADER + "\n");
        assertTrue(vm.plotRunLogs(logs, 100));
        assertEquals("Discrete bound per step (training minibatches)", vm.charts().stepTitleProperty().get());
    }

    private static void assertNotEquals(Object unexpected, Object actual, String message) {
        org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual, message);
    }

    @Test
    void editsALoadedRunCannotTakeAreRefusedByName() throws Exception {
        TrainingViewModel vm = launch();
        List<TrainingViewModel.Refusal> refused = new ArrayList<>();
        vm.setOnRefused(refused::add);
        Path file = checkpoint("run");
        vm.load(file);
        awaitUi();
        vm.form().unitsProperty().set("41");
        vm.form().estimatorProperty().set("straight-through");
        vm.start();
        assertEquals(1, refused.size());
        // a "~" network's hidden width follows the units (as wide as its stochastic layer): it changed too, and says so
        assertEquals(List.of("Units", "Hidden units", "Estimator"), refused.get(0).fields());
        assertEquals(file, refused.get(0).file());
        assertNull(vm.trainerProperty().get(), "nothing starts silently");
        assertTrue(errors.get(errors.size() - 1).contains("Not continued: the loaded run keeps its Units, Hidden units, Estimator"), errors.toString());
    }

    @Test
    void aDamagedCheckpointIsReported() throws Exception {
        TrainingViewModel vm = launch();
        Path bad = Files.writeString(tmp.resolve("damaged.ckpt"), "not a checkpoint");
        vm.load(bad);
        awaitUi();
        assertTrue(errors.get(0).startsWith("Cannot load damaged.ckpt"), errors.toString());
        assertEquals("Start", vm.startTextProperty().get());
        assertTrue(vm.recentCheckpoints().isEmpty(), "only checkpoints that loaded are recent");
        assertTrue(vm.canStartProperty().get());
    }

    @Test
    void exportsWriteTheCurvesAndRememberTheirFolder() throws Exception {
        TrainingViewModel vm = launch();
        Path dir = Files.createDirectories(tmp.resolve("exports"));
        Path csv = dir.resolve("curves.csv");
        vm.exportCsv(csv);
        assertTrue(Files.readString(csv).startsWith("step,relaxed_elbo,running_mean\n"));
        assertEquals(Optional.of(dir.toAbsolutePath()), launch().exportFolder());
        Files.delete(csv);
        Files.delete(dir);
        assertEquals(Optional.empty(), launch().exportFolder());
    }

    @Test
    void withoutATrainerOnlyStartAndLoadAreOffered() {
        TrainingViewModel vm = launch();
        assertTrue(vm.canStartProperty().get());
        assertFalse(vm.canPauseProperty().get());
        assertFalse(vm.canStopProperty().get());
        assertFalse(vm.canSaveProperty().get());
        assertFalse(vm.busyProperty().get());
        vm.form().batchProperty().set("0");
        assertFalse(vm.canStartProperty().get());
    }

    /** Closing the app (Application.stop, or SIGTERM's hook) ends a run as Stop does: last.ckpt at the stopping step. */
    @Test
    void shuttingDownStopsARunningTrainingAndItSaves() throws Exception {
        TrainingViewModel vm = launch();
        assertTrue(vm.shutdown(1), "nothing running: nothing to wait for");
        org.concretelab.model.ModelSpec spec = new org.concretelab.model.ModelSpec(org.concretelab.model.Architecture.NONLINEAR_ONE,
                org.concretelab.model.LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5, 1, 1e-3);
        Path out = tmp.resolve("run");
        org.concretelab.train.Trainer t = new org.concretelab.train.Trainer(new org.concretelab.train.TrainingOptions(spec, 20,
                1000, 7, org.concretelab.data.Binarization.DYNAMIC, 200, 40, 5, out, 0),
                org.concretelab.data.MnistSplits.load(MnistFiles.defaultDir()));
        vm.trainerProperty().set(t);
        t.start();
        while (t.step() < 15) {
            Thread.sleep(5);
        }
        assertTrue(vm.shutdown(60));
        assertEquals(org.concretelab.train.TrainerState.STOPPED, t.state());
        assertEquals(t.step(), org.concretelab.train.Checkpoints.load(out.resolve("last.ckpt")).step(),
                "the run's last step is saved, not only its last epoch's");
    }
}
