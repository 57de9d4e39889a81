package org.concretelab.explore;

import java.util.ArrayList;
import java.util.List;
import org.concretelab.model.VaeModel;

/**
 * A walk from one code to another one discrete unit at a time (in unit order), decoded at evenly spaced
 * points; the last frame is the target code itself, Gaussian part included.
 */
public final class Interpolation {
    /** One decoded point of the walk: {@code flipped} of the {@code total} differing units taken so far. */
    public record Frame(float[] means, int flipped, int total) {
    }

    private Interpolation() {
    }

    public static List<Frame> between(VaeModel model, LatentCode from, LatentCode to, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, was " + frames);
        }
        List<Integer> differing = from.differingUnits(to);
        List<Frame> result = new ArrayList<>();
        LatentCode current = from;
        int flipped = 0;
        for (int f = 0; f <= frames; f++) {
            int target = (int) Math.round(differing.size() * f / (double) frames);
            while (flipped < target) {
                current = current.withUnitFrom(to, differing.get(flipped++));
            }
            if (f == frames) {
                current = to;
            }
            result.add(new Frame(model.decode(current.values()), flipped, differing.size()));
        }
        return result;
    }
}
