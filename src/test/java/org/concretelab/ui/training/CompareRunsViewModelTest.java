package org.concretelab.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders read for comparison: labelled curves per run, removable, and a clear refusal of a folder that is no run. */
class CompareRunsViewModelTest {
    private final List<String> infos = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private String current = "200H~784V binary · Concrete · m=1";
    private Path currentFolder;

    @TempDir
    Path tmp;

    /** Background and ui work run at once, on this thread. */
    private CompareRunsViewModel vm() {
        TrainingViewModel.Feedback feedback = new TrainingViewModel.Feedback() {
            @Override
            public void info(String text) {
                infos.add(text);
            }

            @Override
            public void error(String what, String todo) {
                errors.add(what + " → " + todo);
            }
        };
        return new CompareRunsViewModel(Runnable::run, Runnable::run, tmp, () -> feedback, () -> current, () -> currentFolder);
    }

    @Test
    void twoRunFoldersBecomeTwoLabelledCurvesOnEachChartAndOneCanBeRemoved() throws Exception {
        Path nvil = RunFolders.write(tmp, "nvil-run", RunFolders.spec("nvil", 1), 3, -300, 150);
        Path vimco = RunFolders.write(tmp, "vimco-run", RunFolders.spec("vimco", 5), 2, -250, 140);
        CompareRunsViewModel vm = vm();
        assertEquals("", vm.keyProperty().get(), "no key while nothing is compared");
        vm.add(List.of(nvil, vimco));
        assertEquals(List.of(), errors);
        assertEquals(2, vm.overlays().size());
        CompareRunsViewModel.Overlay first = vm.overlays().get(0);
        assertEquals("40H~784V binary · NVIL · m=1", first.label());
        assertEquals("40H~784V binary · VIMCO · m=5", vm.overlays().get(1).label());
        assertTrue(first.steps().getName().startsWith("40H~784V binary · NVIL · m=1 · "), first.steps().getName());
        assertTrue(first.validation().getName().startsWith("40H~784V binary · NVIL · m=1"), first.validation().getName());
        assertEquals(30, first.steps().getDataCount(), "every step of a short run");
        assertEquals(3, first.validation().getDataCount(), "one point per validated epoch");
        assertArrayEquals(new double[] {10, 20, 30}, first.validation().getValues(0), 0, "at the epochs' steps");
        assertArrayEquals(new double[] {-150, -145, -140}, first.validation().getValues(1), 1e-9, "log p(x) = −NLL");
        String key = vm.keyProperty().get();
        assertTrue(key.contains("Solid lines: the current run (200H~784V binary · Concrete · m=1)"), key);
        assertTrue(key.contains("dashed: 2 compared runs"), key);
        assertTrue(infos.get(0).contains("3 epochs, last validation NLL 140.00 nats"), infos.toString());

        vm.remove(first);
        assertEquals(1, vm.overlays().size());
        assertEquals("40H~784V binary · VIMCO · m=5", vm.overlays().get(0).label());
        assertTrue(vm.keyProperty().get().contains("1 compared run,"), vm.keyProperty().get());
        vm.remove(vm.overlays().get(0));
        assertEquals("", vm.keyProperty().get());
    }

    @Test
    void aFolderAlreadyComparedIsNotAddedTwiceAndTwoRunsOfOneConfigurationAreToldApart() throws Exception {
        Path a = RunFolders.write(tmp, "seed-1", RunFolders.spec("concrete", 1), 1, -300, 150);
        Path b = RunFolders.write(tmp, "seed-2", RunFolders.spec("concrete", 1), 1, -290, 148);
        CompareRunsViewModel vm = vm();
        vm.add(List.of(a));
        vm.add(List.of(a, b));
        assertEquals(2, vm.overlays().size());
        assertTrue(infos.stream().anyMatch(i -> i.contains("seed-1 is already on the charts")), infos.toString());
        assertEquals("40H~784V binary · Concrete · m=1", vm.overlays().get(0).label());
        assertEquals("40H~784V binary · Concrete · m=1 (seed-2)", vm.overlays().get(1).label());

        currentFolder = tmp.resolve("seed-3");
        vm.add(List.of(RunFolders.write(tmp, "seed-3", RunFolders.spec("concrete", 1), 1, -300, 150)));
        assertEquals(2, vm.overlays().size(), "the current run is not compared with itself");
        assertTrue(infos.get(infos.size() - 1).contains("seed-3 is the current run: its curves are the solid ones"), infos.toString());
    }

    @Test
    void aCorruptOrForeignFolderIsRefusedWithAMessageNamingTheFile() throws Exception {
        Path corrupt = RunFolders.write(tmp, "corrupt", RunFolders.spec("concrete", 1), 2, -300, 150);
        Files.writeString(corrupt.resolve("epochs.csv"), "\u0000\u0001binary junk\n");
        Path foreign = Files.createDirectories(tmp.resolve("holiday-photos"));
        Files.writeString(foreign.resolve("notes.txt"), "not a run");
        Path torn = RunFolders.write(tmp, "torn", RunFolders.spec("concrete", 1), 2, -300, 150);
        Files.writeString(torn.resolve("training.csv"), "step,epoch,relaxed_elbo,running_mean,examples_per_s\n1,1,abc,2,3\n");
        CompareRunsViewModel vm = vm();
        vm.add(List.of(corrupt, foreign, torn, tmp.resolve("gone")));
        assertEquals(0, vm.overlays().size());
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("Cannot compare corrupt: epochs.csv does not start with this app's header"), errors.get(0));
        assertTrue(errors.get(0).contains("pick a run folder of Concrete Explorer"), errors.get(0));
        assertTrue(errors.get(1).contains("holiday-photos: holds neither training.csv nor epochs.csv"), errors.get(1));
        assertTrue(errors.get(2).contains("torn: a line of training.csv or epochs.csv is not a row of numbers"), errors.get(2));
        assertTrue(errors.get(3).contains("gone is not a folder"), errors.get(3));
    }

    @Test
    void theChooserListsEachRunWithItsConfigurationAndProgressAndABrokenOneWithItsProblem() throws Exception {
        RunFolders.write(tmp, "b-nvil", RunFolders.spec("nvil", 1), 3, -300, 150);
        Path broken = RunFolders.write(tmp, "a-broken", RunFolders.spec("concrete", 1), 1, -300, 150);
        Files.delete(broken.resolve("training.csv"));
        Files.createDirectories(tmp.resolve("c-not-a-run"));
        List<CompareRunsViewModel.Listed> shown = new ArrayList<>();
        vm().list(tmp, shown::add);
        assertEquals(1, shown.size());
        List<RunOverlays.Listing> runs = shown.get(0).runs();
        assertEquals(2, runs.size(), "the folder that holds no run is not listed: " + runs);
        assertEquals("a-broken", runs.get(0).name());
        assertEquals("training.csv is missing", runs.get(0).problem());
        assertEquals("b-nvil", runs.get(1).name());
        assertEquals("40H~784V binary · NVIL · m=1", runs.get(1).configuration());
        assertEquals("3 of 3 epochs", runs.get(1).progress());
        assertEquals("", runs.get(1).problem());

        shown.clear();
        vm().list(tmp.resolve("b-nvil"), shown::add);
        assertEquals(List.of("b-nvil"), shown.get(0).runs().stream().map(RunOverlays.Listing::name).toList(),
                "a run folder itself is listed alone");

        shown.clear();
        vm().list(tmp.resolve("missing"), shown::add);
        assertTrue(shown.get(0).problem().contains("does not exist yet"), shown.get(0).problem());
    }
}
