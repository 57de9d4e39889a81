package org.concretelab.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concretelab.model.latent.LatentLayer;

/**
 * The model's workspaces by rows and gradient slot, the least recently used dropped, and the latent layer each
 * thread of a split step uses (its families keep scratch; layers[0] serves unsplit passes).
 */
final class WorkspacePool {
    private final VaeNetworks nets;
    private final LatentLayout layout;
    private LatentLayer[] layers;
    private double lambdaPosterior;
    private double lambdaPrior;
    /** Workspaces by rows and gradient slot (key rows · 64 + slot), the least recently used dropped. */
    private final Map<Long, Workspace> workspaces = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Workspace> eldest) {
            return size() > 2 * SplitStep.MAX_BLOCKS + 4; // a step's blocks and whole, and the scoring passes' few
        }
    };

    WorkspacePool(VaeNetworks nets, LatentLayout layout, double lambdaPosterior, double lambdaPrior) {
        this.nets = nets;
        this.layout = layout;
        this.lambdaPosterior = lambdaPosterior;
        this.lambdaPrior = lambdaPrior;
        layers = new LatentLayer[] {layout.layer(lambdaPosterior, lambdaPrior)};
    }

    /** The latent layer of unsplit passes. */
    LatentLayer layer() {
        return layers[0];
    }

    void setTemperatures(double posterior, double prior) {
        lambdaPosterior = posterior;
        lambdaPrior = prior;
        for (LatentLayer l : layers) {
            l.setTemperatures(posterior, prior);
        }
    }

    /** Makes latent layers for {@code blocks} blocks of a split step exist. */
    void ensureBlocks(int blocks) {
        if (layers.length < blocks) {
            LatentLayer[] more = Arrays.copyOf(layers, blocks);
            for (int t = layers.length; t < blocks; t++) {
                more[t] = layout.layer(lambdaPosterior, lambdaPrior);
            }
            layers = more;
        }
    }

    Workspace get(int rows) {
        return get(rows, 0);
    }

    /** The buffers of {@code rows} rows for block {@code slot} of a split step (0: an unsplit pass). */
    Workspace get(int rows, int slot) {
        return workspaces.computeIfAbsent(rows * 64L + slot, key -> new Workspace(nets, layers[slot], rows, slot));
    }
}
