package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: names, the default, each dataset's shape, split and folder. */
class DatasetsTest {

    @Test
    void theRegistryNamesEveryDatasetOnceWithMnistFirst() {
        assertEquals(List.of("mnist", "fashion-mnist", "omniglot"), Datasets.names());
        assertSame(Datasets.MNIST, Datasets.defaultDataset());
        assertSame(Datasets.FASHION_MNIST, Datasets.named(" Fashion-MNIST "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.named("cifar"));
        assertTrue(e.getMessage().contains("'cifar'") && e.getMessage().contains("mnist, fashion-mnist, omniglot"),
                e.getMessage());
    }

    @Test
    void everyDatasetHasTheModelsImageSizeAndItsOwnSplit() {
        for (Dataset d : Datasets.all()) {
            assertEquals(784, d.pixels(), d.name());
        }
        assertEquals(List.of(50_000, 10_000, 10_000), split(Datasets.MNIST));
        assertEquals(List.of(50_000, 10_000, 10_000), split(Datasets.FASHION_MNIST));
        assertEquals(List.of(23_000, 1_345, 8_070), split(Datasets.OMNIGLOT));
        assertEquals(50, Datasets.OMNIGLOT.classes());
    }

    @Test
    void eachDatasetHasAFolderOfItsOwnBesideMnists() {
        assertEquals(Path.of("data", "fashion-mnist"), MnistFiles.defaultDir("fashion-mnist", null, false, null, "/home/u"));
        assertEquals(Path.of("/x/concrete-explorer/omniglot"), MnistFiles.defaultDir("omniglot", null, true, "/x", "/home/u"));
        assertEquals(Path.of("/d"), MnistFiles.defaultDir("omniglot", "/d", true, "/x", "/home/u"));
        assertEquals(Path.of("data", "mnist"), MnistFiles.defaultDir(null, false, null, "/home/u"));
    }

    @Test
    void theFetchCommandNamesTheDatasetAndOmniglotsNamesItsFile() {
        Path elsewhere = Path.of("/tmp/elsewhere");
        assertTrue(Datasets.FASHION_MNIST.fetchCommand(elsewhere).contains("data --dataset fashion-mnist --fetch --dir /tmp/elsewhere"));
        assertTrue(Datasets.MNIST.fetchCommand(elsewhere).contains("data --fetch --dir"), "MNIST's command as before");
        assertTrue(Datasets.OMNIGLOT.remedy(elsewhere).contains("github.com/yburda/iwae")
                && Datasets.OMNIGLOT.remedy(elsewhere).contains("--from chardata.mat"), Datasets.OMNIGLOT.remedy(elsewhere));
        assertTrue(Datasets.FASHION_MNIST.byHand(elsewhere).contains("gunzip")
                && Datasets.FASHION_MNIST.byHand(elsewhere).contains("/tmp/elsewhere"));
    }

    @Test
    void fashionMnistsChecksumsArePinnedAndOmniglotsComeFromItsConversion(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertEquals("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                Datasets.FASHION_MNIST.expectedSha256(dir, MnistFiles.TRAIN_IMAGES));
        assertNull(Datasets.OMNIGLOT.expectedSha256(dir, MnistFiles.TRAIN_IMAGES), "no conversion, no checksum");
    }

    private static List<Integer> split(Dataset d) {
        return List.of(d.trainSize(), d.validationSize(), d.testSize());
    }
}
