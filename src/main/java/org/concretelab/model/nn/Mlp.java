package org.concretelab.model.nn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Affine layers with tanh between them and a linear output: the paper's "~" (two tanh layers) when
 * given two hidden widths, a plain linear map ("-") when given none.
 */
public final class Mlp {
    private final List<Dense> layers = new ArrayList<>();
    /** The moving average subtracted from the input (EMA centring), or null: the plain path, untouched. */
    private float[] inputMean;

    public Mlp(String name, int in, int[] hidden, int out, UniformRandomProvider rng,
               List<Param> registry) {
        int width = in;
        for (int i = 0; i < hidden.length; i++) {
            layers.add(new Dense(name + "." + i, width, hidden[i], rng, registry));
            width = hidden[i];
        }
        layers.add(new Dense(name + "." + hidden.length, width, out, rng, registry));
    }

    /**
     * Centres this network's input by {@code mean} (read live: its owner updates it between steps), or stops
     * centring with null. The first layer then sees {@code in − mean}; no gradient flows into the mean.
     */
    public void centreInput(float[] mean) {
        if (mean != null && mean.length != in()) {
            throw new IllegalArgumentException("a centring mean of " + mean.length + " values for an input of " + in());
        }
        inputMean = mean;
    }

    /** The mean subtracted from the input, or null when not centred. */
    public float[] inputMean() {
        return inputMean;
    }

    public int in() {
        return layers.get(0).in();
    }

    public int out() {
        return layers.get(layers.size() - 1).out();
    }

    /** The output layer (e.g. to set the decoder's initial output bias). */
    public Dense outputLayer() {
        return layers.get(layers.size() - 1);
    }

    /** Activation and gradient buffers for a given number of rows (parameter gradients into slot 0). */
    public Buffers buffers(int rows) {
        return new Buffers(rows, 0);
    }

    /** Buffers of one thread of a split step: its parameter gradients go to gradient slot {@code slot}. */
    public Buffers buffers(int rows, int slot) {
        for (Dense d : layers) {
            d.weightAndBias().forEach(p -> p.ensureSlots(slot + 1));
        }
        return new Buffers(rows, slot);
    }

    /** Computes {@code out} (pre-activation of the last layer) from {@code in}. */
    public void forward(Mat in, Mat out, Buffers b) {
        Mat current = in;
        for (int i = 0; i < layers.size(); i++) {
            Mat target = i == layers.size() - 1 ? out : b.hidden[i];
            if (i == 0 && inputMean != null) {
                layers.get(0).forward(current, target, b.dense, inputMean);
            } else {
                layers.get(i).forward(current, target, b.dense);
            }
            if (i < layers.size() - 1) {
                int n = target.rows() * target.cols();
                // the loop vectorises over a heap array, not a direct buffer; a chunk at a time stays in L1 (a
                // 500-row evaluation pass's layer is 400 KB: copied whole it went out of cache and back)
                for (int from = 0; from < n; from += Mat.HEAP_CHUNK) {
                    int len = Math.min(Mat.HEAP_CHUNK, n - from);
                    target.buffer().get(from, b.scratch, 0, len);
                    FastTanh.apply(b.scratch, len);
                    target.buffer().put(from, b.scratch, 0, len);
                }
            }
            current = target;
        }
    }

    /** Writes parameter gradients for {@code gOut} into the buffers' slot (each layer is used once per pass); writes the input gradient into {@code gIn} if non-null. */
    public void backward(Mat in, Mat gOut, Mat gIn, Buffers b) {
        Mat g = gOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Mat input = i == 0 ? in : b.hidden[i - 1];
            Mat gInput = i == 0 ? gIn : b.hiddenGrad[i - 1];
            layers.get(i).backward(input, g, gInput, b.slot, b.dense);
            if (i == 0 && inputMean != null) {
                layers.get(0).centreWeightGradient(inputMean, b.slot, b.dense);
            }
            if (i > 0) {
                tanhBackward(b.hidden[i - 1], gInput, b.scratch, b.scratchGrad);
                g = gInput;
            }
        }
    }

    /**
     * Writes only the input gradient {@code gIn} for {@code gOut}, leaving every parameter gradient as it is (a pass
     * whose gradient an estimator reads at the network's input, e.g. a control variate's, without training on it).
     */
    public void backwardInput(Mat gOut, Mat gIn, Buffers b) {
        Mat g = gOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Mat gInput = i == 0 ? gIn : b.hiddenGrad[i - 1];
            layers.get(i).backwardInput(g, gInput, b.dense);
            if (i > 0) {
                tanhBackward(b.hidden[i - 1], gInput, b.scratch, b.scratchGrad);
                g = gInput;
            }
        }
    }

    /**
     * g ← g · (1 − h²): the derivative of tanh expressed through its output h; over heap copies a chunk at a time,
     * where the loop vectorises (element by element on the direct buffers it did not). The same products, bit for bit.
     */
    private static void tanhBackward(Mat h, Mat g, float[] hs, float[] gs) {
        var hb = h.buffer();
        var gb = g.buffer();
        int n = h.rows() * h.cols();
        for (int from = 0; from < n; from += Mat.HEAP_CHUNK) {
            int len = Math.min(Mat.HEAP_CHUNK, n - from);
            hb.get(from, hs, 0, len);
            gb.get(from, gs, 0, len);
            for (int i = 0; i < len; i++) {
                float v = hs[i];
                gs[i] = gs[i] * (1 - v * v);
            }
            gb.put(from, gs, 0, len);
        }
    }

    /** Per-row-count scratch space of one MLP. */
    public final class Buffers {
        final Mat[] hidden;
        final Mat[] hiddenGrad;
        final float[] scratch;
        final float[] scratchGrad;
        final int slot;
        final Dense.Scratch dense = new Dense.Scratch();

        Buffers(int rows, int slot) {
            this.slot = slot;
            hidden = new Mat[layers.size() - 1];
            hiddenGrad = new Mat[layers.size() - 1];
            int widest = 0;
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = new Mat(rows, layers.get(i).out());
                hiddenGrad[i] = new Mat(rows, layers.get(i).out());
                widest = Math.max(widest, layers.get(i).out());
            }
            scratch = new float[Math.min(Mat.HEAP_CHUNK, rows * widest)];
            scratchGrad = new float[scratch.length];
        }
    }
}
