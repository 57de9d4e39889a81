package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import org.concretelab.model.LatentKind;
import org.junit.jupiter.api.Test;

/** Every latent kind is registered once for the faces, under a name the command line parses back. */
class LatentChoiceTest {
    @Test
    void everyKindHasOneEntryAndItsNameParsesBack() {
        assertEquals(Arrays.asList(LatentKind.values()), LatentChoice.ALL.stream().map(LatentChoice::kind).toList());
        assertEquals(LatentChoice.ALL.size(), new HashSet<>(LatentChoice.ALL.stream().map(LatentChoice::name).toList()).size());
        for (LatentChoice c : LatentChoice.ALL) {
            assertEquals(c, LatentChoice.of(c.kind()));
            assertEquals(c, LatentChoice.named(c.name().toUpperCase()));
        }
        assertEquals("binary, categorical or corners", LatentChoice.names());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> LatentChoice.named("ternary"));
        assertTrue(x.getMessage().equals("--latent must be binary, categorical or corners, was 'ternary'"), x.getMessage());
    }
}
