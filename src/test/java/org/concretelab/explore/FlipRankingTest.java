package org.concretelab.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;

/** The flips that matter most, against a brute force of one decode per move on small real models. */
class FlipRankingTest {

    private static VaeModel model(LatentKind kind, int units, int classes) {
        return model(Architecture.LINEAR_ONE, kind, units, classes);
    }

    private static VaeModel model(Architecture a, LatentKind kind, int units, int classes) {
        return VaeModels.create(new ModelSpec(a, kind, units, classes, 0, 20, 0.5, 0.5, 1, 1e-3), 3);
    }

    /** Every single move decoded alone, its mean |Δp| computed afresh, sorted by it (ties: unit, then class). */
    private static List<double[]> bruteForce(VaeModel m, LatentCode c) {
        float[] base = m.decode(c.values());
        List<double[]> all = new ArrayList<>();
        for (int u = 0; u < c.layout().discreteUnits(); u++) {
            for (int k = 0; k < c.layout().classes(); k++) {
                if (k == c.classOf(u)) {
                    continue;
                }
                float[] after = m.decode(c.withClass(u, k).values());
                double sum = 0;
                int crossing = 0;
                for (int i = 0; i < base.length; i++) {
                    sum += Math.abs(after[i] - base[i]);
                    crossing += (base[i] > 0.5f) != (after[i] > 0.5f) ? 1 : 0;
                }
                all.add(new double[] {u, k, sum / base.length, crossing});
            }
        }
        all.sort(Comparator.<double[]>comparingDouble(a -> -a[2]).thenComparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        return all;
    }

    private static void assertMatchesBruteForce(VaeModel m, LatentCode c) {
        FlipRanking.Ranking r = FlipRanking.of(m, c);
        List<double[]> oracle = bruteForce(m, c);
        assertEquals(oracle.size(), r.moves().size(), "one move per unit and other class");
        assertArrayEquals(m.decode(c.values()), r.base(), 1e-5f, "the code's own decoding");
        for (int i = 0; i < oracle.size(); i++) {
            FlipRanking.Move mv = r.moves().get(i);
            double[] o = oracle.get(i);
            assertEquals(o[2], mv.meanChange(), 1e-6, "mean |Δp| of rank " + i);
            if (i + 1 < oracle.size() && oracle.get(i + 1)[2] < o[2] - 1e-5) { // a clear order: the same move
                assertEquals((int) o[0], mv.unit(), "unit of rank " + i);
                assertEquals((int) o[1], mv.to(), "class of rank " + i);
            }
            assertEquals(c.classOf(mv.unit()), mv.from());
            assertEquals(c.withClass(mv.unit(), mv.to()), mv.code());
            assertArrayEquals(m.decode(mv.code().values()), mv.means(), 1e-5f, "the move's decoding, batched");
            assertEquals(FlipRanking.crossings(r.base(), mv.means()), mv.crossings());
        }
        for (int i = 1; i < r.moves().size(); i++) {
            assertTrue(r.moves().get(i - 1).meanChange() >= r.moves().get(i).meanChange(), "sorted at " + i);
        }
    }

    @Test
    void binaryFlipsAreRankedAsOneDecodeEachWouldRankThem() {
        VaeModel m = model(LatentKind.BINARY, 12, 2);
        assertMatchesBruteForce(m, CodeSampler.uniform(m.latentLayout(), 5));
        assertEquals(3, FlipRanking.of(m, CodeSampler.uniform(m.latentLayout(), 5)).top(3).size());
    }

    @Test
    void aTwoLayerNonlinearModelsFlipsRankAsBruteForceRanksThem() {
        VaeModel m = model(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 10, 2);
        assertMatchesBruteForce(m, CodeSampler.prior(m, 4));
    }

    @Test
    void categoricalUnitsRankEveryOneHotMove() {
        VaeModel m = model(LatentKind.CATEGORICAL, 5, 4);
        LatentCode c = CodeSampler.uniform(m.latentLayout(), 9);
        assertMatchesBruteForce(m, c);
        assertEquals(5 * 3, FlipRanking.of(m, c).moves().size());
    }

    @Test
    void cornerUnitsRankEveryOtherCorner() {
        VaeModel m = model(LatentKind.CORNERS, 4, 4);
        assertMatchesBruteForce(m, CodeSampler.uniform(m.latentLayout(), 2));
    }

    @Test
    void allMovesAreDecodedInBatchesNotOneByOne() {
        LatentLayout layout = new LatentLayout(LatentKind.BINARY, 700, 2, 0);
        FakeDecoder fake = new FakeDecoder(layout);
        FlipRanking.Ranking r = FlipRanking.of(fake, LatentCode.cleared(layout));
        assertEquals(2, fake.batches, "701 codes in batches of " + FlipRanking.CHUNK);
        assertEquals(0, fake.decodes, "no single decodes");
        assertEquals(700, r.moves().size());
    }

    @Test
    void aFakeDecodersRankingPutsTheUnitsThatFillMostPixelsFirst() {
        // pixel i shows code[i mod 4]: flipping any unit changes a quarter of the pixels by 1; all tie, unit order kept
        LatentLayout layout = new LatentLayout(LatentKind.BINARY, 4, 2, 0);
        FakeDecoder fake = new FakeDecoder(layout);
        FlipRanking.Ranking r = FlipRanking.of(fake, LatentCode.cleared(layout).flip(2));
        assertEquals(List.of(0, 1, 2, 3), r.moves().stream().map(FlipRanking.Move::unit).toList());
        assertEquals(0.25, r.moves().get(0).meanChange(), 1e-12);
        assertEquals(196, r.moves().get(0).crossings());
        assertEquals(1, r.moves().get(2).from());
        assertEquals(0, r.moves().get(2).to());
    }

    @Test
    void theDifferenceIsAfterMinusBefore() {
        float[] d = FlipRanking.difference(new float[] {0.2f, 0.9f, 0.5f}, new float[] {0.7f, 0.1f, 0.5f});
        assertArrayEquals(new float[] {0.5f, -0.8f, 0f}, d, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> FlipRanking.difference(new float[2], new float[3]));
    }

    @Test
    void aCodeOfAnotherLayoutIsRefusedByName() {
        VaeModel m = model(LatentKind.BINARY, 12, 2);
        LatentCode other = LatentCode.cleared(new LatentLayout(LatentKind.BINARY, 3, 2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlipRanking.of(m, other));
        assertTrue(e.getMessage().contains("layout"), e.getMessage());
    }
}
