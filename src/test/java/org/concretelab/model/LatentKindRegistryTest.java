package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.concretelab.model.latent.LatentFamily;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.train.LatentChoice;
import org.concretelab.train.ModelDefaults;
import org.junit.jupiter.api.Test;

/** A latent family is fully described by its registered descriptor: names, widths, defaults, code meaning, the faces' lists. */
class LatentKindRegistryTest {
    private static final int UNITS = 6;

    /** The K values a family takes (2 only when K is no setting of it). */
    private static List<Integer> validClasses(LatentKind k) {
        return k.classesApply() ? List.of(2, 4, 8).stream().filter(c -> k.classesProblem(c) == null).toList() : List.of(2);
    }

    @Test
    void everyFamilyRoundTripsItsNames() {
        Set<String> names = new HashSet<>();
        for (LatentKind k : LatentKind.values()) {
            assertTrue(names.add(k.name()), "one descriptor per name: " + k);
            assertSame(k, LatentKind.valueOf(k.name()), "the checkpoint's name");
            assertSame(k, LatentKind.parse(k.cliName()), "--latent's name");
            assertSame(k, LatentChoice.named(k.cliName()).kind());
            assertTrue(LatentChoice.names().contains(k.cliName()));
            assertFalse(k.label().isBlank());
            assertFalse(k.noun().isBlank());
        }
        assertEquals(List.of("BINARY", "CATEGORICAL", "CORNERS"), Arrays.stream(LatentKind.values()).map(LatentKind::name).toList(),
                "what checkpoints store stays the same");
        assertThrows(IllegalArgumentException.class, () -> LatentKind.valueOf("GAUSSIAN"));
    }

    @Test
    void theFacesListsComeFromTheRegistry() {
        assertEquals(Arrays.asList(LatentKind.values()), LatentChoice.ALL.stream().map(LatentChoice::kind).toList());
        for (LatentChoice c : LatentChoice.ALL) {
            assertEquals(c.kind().cliName(), c.name());
            assertEquals(c.kind().label(), c.label());
            assertEquals(c.kind().classesApply(), c.classesApply());
            assertEquals(c.kind().classesApply(), LatentChoice.namesWithClasses().contains(c.name()));
        }
    }

    @Test
    void everyFamilyHasConsistentWidths() {
        for (LatentKind k : LatentKind.values()) {
            for (int classes : validClasses(k)) {
                assertNull(k.classesProblem(classes), k + " K = " + classes);
                LatentLayout layout = new LatentLayout(k, UNITS, classes, 0);
                int slots = k.slotsPerUnit(classes);
                assertTrue(slots >= 1);
                assertEquals(UNITS * slots, layout.codeLength(), k + " K = " + classes);
                LatentFamily f = k.family(UNITS, classes);
                assertEquals(UNITS * slots, f.codeWidth(), k + ": the sampling family's code width");
                assertEquals(UNITS * k.logitsPerUnit(classes), f.paramWidth(), k + ": the encoder's logits");
                assertTrue(k.architectureWidth(UNITS, classes) == UNITS || k.architectureWidth(UNITS, classes) == UNITS * slots);
                assertFalse(k.codeLabel(UNITS, classes).isBlank());
            }
            assertNotNull(k.classesProblem(1), k + " refuses K = 1");
        }
    }

    @Test
    void everyFamilysDefaultsAreWhatTheResolverGives() {
        for (LatentKind k : LatentKind.values()) {
            for (int classes : validClasses(k)) {
                ModelDefaults d = ModelDefaults.of(DensityEstimation.NAME, k, classes);
                assertEquals(k.lambdaPosterior(classes), d.lambdaPosterior(), k + " K = " + classes);
                assertEquals(k.lambdaPrior(classes), d.lambdaPrior(), k + " K = " + classes);
                assertEquals(k.klWarmupSteps(), d.klWarmupSteps(), k.toString());
                assertEquals(classes, d.classes());
                assertTrue(k.lambdaPosterior(classes) > 0 && k.lambdaPrior(classes) > 0);
            }
        }
    }

    @Test
    void everyClassOfEveryFamilyIsWrittenAndReadBackAndItsTogglesAgree() {
        for (LatentKind k : LatentKind.values()) {
            for (int classes : validClasses(k)) {
                int slots = k.slotsPerUnit(classes);
                for (int c = 0; c < classes; c++) {
                    float[] code = new float[slots + 2];
                    k.writeClass(code, 1, classes, c);
                    assertEquals(c, k.readClass(code, 1, classes), k + " K = " + classes);
                    assertEquals(0f, code[0]);
                    assertEquals(0f, code[slots + 1], "a unit writes its own slots only");
                    for (int s = 0; s < slots; s++) {
                        float[] on = code.clone();
                        if (k.toggle(on, 1, classes, s, true)) {
                            assertTrue(k.isOn(on[1 + s]), k + ": slot " + s + " switched on reads on");
                        }
                    }
                }
                assertFalse(k.slotTooltip(0, 0, classes).isBlank());
            }
        }
    }
}
