package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A tripwire: with two stochastic layers the noise of an importance-sampling pass is drawn layer by layer over the pass's
 * rows, so the pass size decides which noise each sample gets. Every published NLL of a two-layer model (Table 1's
 * 200H-200H-784V and 200H~200H~784V cells, the completion model's) was scored with 500-row passes; another size gives
 * other (statistically equal) numbers — measured: 0x1.f670dd57c346ep9 at 500 rows, 0x1.f7379d66f47c3p9 at 125 for the
 * same 200H-200H-784V model, images and seed. Change it only with that said beside every figure.
 */
class ImportancePassSizeTest {

    @Test
    void passesAre500Rows() {
        assertEquals(500, ModelScores.IS_CHUNK);
    }
}
