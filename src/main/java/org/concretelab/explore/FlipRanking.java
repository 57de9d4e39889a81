package org.concretelab.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.concretelab.model.VaeModel;

/**
 * The single moves of a code that change its decoded image most: every discrete unit set to each of its other
 * values in turn (a binary unit flipped, a categorical or corner unit moved to another class), all decoded as one
 * batch of rows with the code itself, ranked by the mean |Δp| over pixels.
 */
public final class FlipRanking {
    /** Rows decoded at once: bounds a batch's buffers (200 units of 10 classes make 1,800 moves). */
    static final int CHUNK = 512;
    /** A pixel "crosses" when its probability moves from one side of this to the other. */
    public static final float HALF = 0.5f;

    /**
     * One move: {@code unit} from class {@code from} to {@code to} (binary: its value), the code after it and its
     * decoding, the mean |Δp| over pixels against the code's own decoding, and how many pixels cross 0.5.
     */
    public record Move(int unit, int from, int to, LatentCode code, float[] means, double meanChange, int crossings) {
    }

    /** The ranking of one code: its own decoding and the moves, largest mean |Δp| first. */
    public record Ranking(LatentCode code, float[] base, List<Move> moves) {
        /** The first {@code n} moves (all when fewer). */
        public List<Move> top(int n) {
            return moves.subList(0, Math.min(n, moves.size()));
        }
    }

    private FlipRanking() {
    }

    /** Every single move of {@code code}, ranked (ties: lower unit, then lower class first). */
    public static Ranking of(VaeModel model, LatentCode code) {
        if (!code.layout().equals(model.latentLayout())) {
            throw new IllegalArgumentException("code of layout " + code.layout() + " for a model of " + model.latentLayout());
        }
        List<LatentCode> codes = new ArrayList<>();
        List<int[]> what = new ArrayList<>(); // unit, from, to
        codes.add(code);
        int classes = code.layout().classes();
        for (int u = 0; u < code.layout().discreteUnits(); u++) {
            int from = code.classOf(u);
            for (int k = 0; k < classes; k++) {
                if (k != from) {
                    codes.add(code.withClass(u, k));
                    what.add(new int[] {u, from, k});
                }
            }
        }
        float[][] decoded = decode(model, codes);
        float[] base = decoded[0];
        List<Move> moves = new ArrayList<>(what.size());
        for (int i = 0; i < what.size(); i++) {
            int[] w = what.get(i);
            float[] after = decoded[i + 1];
            moves.add(new Move(w[0], w[1], w[2], codes.get(i + 1), after, meanChange(base, after), crossings(base, after)));
        }
        // a stable sort keeps unit order among equal changes
        moves.sort(Comparator.comparingDouble(Move::meanChange).reversed());
        return new Ranking(code, base, List.copyOf(moves));
    }

    /** The codes' decodings, {@link #CHUNK} rows per batch. */
    static float[][] decode(VaeModel model, List<LatentCode> codes) {
        int width = codes.get(0).layout().codeLength();
        float[][] out = new float[codes.size()][];
        for (int start = 0; start < codes.size(); start += CHUNK) {
            int rows = Math.min(CHUNK, codes.size() - start);
            float[] batch = new float[rows * width];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(codes.get(start + r).values(), 0, batch, r * width, width);
            }
            float[] means = model.decodeRows(batch, rows);
            int pixels = means.length / rows;
            for (int r = 0; r < rows; r++) {
                out[start + r] = java.util.Arrays.copyOfRange(means, r * pixels, (r + 1) * pixels);
            }
        }
        return out;
    }

    /** Mean |after − before| over pixels. */
    public static double meanChange(float[] before, float[] after) {
        double d = 0;
        for (int i = 0; i < before.length; i++) {
            d += Math.abs(after[i] - before[i]);
        }
        return d / before.length;
    }

    /** Pixels on different sides of 0.5 before and after (a pixel exactly at 0.5 counts as below). */
    public static int crossings(float[] before, float[] after) {
        int n = 0;
        for (int i = 0; i < before.length; i++) {
            if ((before[i] > HALF) != (after[i] > HALF)) {
                n++;
            }
        }
        return n;
    }

    /** after − before, pixel by pixel: positive where ink appears, negative where it vanishes. */
    public static float[] difference(float[] before, float[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("images of " + before.length + " and " + after.length + " pixels");
        }
        float[] d = new float[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }
}
