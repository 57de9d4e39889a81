package org.concretelab.model;

import java.util.ArrayList;
import java.util.List;
import org.concretelab.model.latent.GaussianLatents;
import org.concretelab.model.latent.LatentFamily;
import org.concretelab.model.latent.LatentLayer;

/**
 * The layout of a code fed to the decoder: {@code discreteUnits} discrete latents, then
 * {@code gaussianUnits} real values. A binary unit takes one slot (0 or 1); a categorical unit of K
 * classes takes K slots holding a one-hot vector; a corner unit of K classes takes log2 K slots holding a
 * corner of {−1, 1}^log2 K (the paper's n-ary code; K a power of two).
 */
public record LatentLayout(LatentKind kind, int discreteUnits, int classes, int gaussianUnits) {

    public LatentLayout {
        if (discreteUnits < 1) {
            throw new IllegalArgumentException("discreteUnits must be at least 1, was " + discreteUnits);
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must be given");
        }
        String problem = kind.classesProblem(classes);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (gaussianUnits < 0) {
            throw new IllegalArgumentException("gaussianUnits must be non-negative, was " + gaussianUnits);
        }
    }

    /** Slots (code values) one discrete unit takes in a code: 1 binary, K one-hot, log2 K corner coordinates. */
    public int slotsPerUnit() {
        return kind.slotsPerUnit(classes);
    }

    /** Whether {@code k} is 2, 4, 8, …: the class counts a corner code can take. */
    public static boolean powerOfTwo(int k) {
        return k >= 2 && Integer.bitCount(k) == 1;
    }

    /** Discrete and Gaussian units together. */
    public int units() {
        return discreteUnits + gaussianUnits;
    }

    /** Values per image of {@code VaeModel.posteriorMeans}: K class probabilities per discrete unit (2 when binary), μ per Gaussian unit. */
    public int meanWidth() {
        return discreteUnits * classes + gaussianUnits;
    }

    /** The unit (discrete units first, then Gaussian) that posterior-mean column {@code j} belongs to. */
    public int unitOfMean(int j) {
        int discrete = discreteUnits * classes;
        return j < discrete ? j / classes : discreteUnits + (j - discrete);
    }

    /** Length of a whole code. */
    public int codeLength() {
        return discreteUnits * slotsPerUnit() + gaussianUnits;
    }

    /** The latent layer this layout asks for: its discrete units, then its Gaussian units if any. */
    public LatentLayer layer(double lambdaPosterior, double lambdaPrior) {
        List<LatentFamily> f = new ArrayList<>();
        f.add(kind.family(discreteUnits, classes));
        if (gaussianUnits > 0) {
            f.add(new GaussianLatents(gaussianUnits));
        }
        LatentLayer layer = new LatentLayer(f);
        layer.setTemperatures(lambdaPosterior, lambdaPrior);
        return layer;
    }
}
