package org.concretelab.model;

import org.concretelab.model.latent.LatentLayer;
import org.concretelab.model.latent.LayerBuffers;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Mlp;
import org.concretelab.model.task.Task;

/** Every buffer one forward/backward pass of {@code rows} rows needs, allocated once. */
final class Workspace {
    private final VaeNetworks nets;
    final int rows;
    /** The gradient slot its backward pass writes, and the thread of a split step it serves. */
    final int slot;
    final LatentLayer layer;
    final Mat input;
    final Mat target;
    final Mlp.Buffers[] enc;
    final Mlp.Buffers[] priorBuffers;
    final Mlp.Buffers dec;
    final LayerBuffers[] z;
    final Mat[] priorParams;
    final Mat[] gPriorParams;
    final Mat gCodeScratch;
    final Mat logits;
    final Mat gLogits;
    final double[] logw;
    final double[] gLogw;
    final double[] scoreWeights;
    final double[] gKl;
    /** Zeros: the weight of log-density terms a conditional graph's log w does not have. */
    final double[] noWeight;
    /** Where a conditional graph's samples leave the log densities it does not use. */
    final double[] unused;
    private final float[] inputRow;
    private final float[] targetRow;
    /**
     * Whether the first encoder's output and activations already hold this load's (a later forward pass of the same
     * training step: the graphs skip the encoder). Only {@link StepPasses} sets it, for one pass at a time.
     */
    boolean encoded;
    /** How many consecutive rows repeat each image in the last load (m while training, else 1). */
    int times = 1;
    private Unique unique;

    /** Each loaded image once (when {@link #times} &gt; 1): the first encoder's input, output and gradient. */
    final class Unique {
        final int rows;
        final Mat input;
        final Mat post;
        final Mat gPost;
        final Mlp.Buffers enc;
        final float[] sums;
        private float[] heap = new float[0];

        Unique(int rows) {
            this.rows = rows;
            input = new Mat(rows, nets.task.inputWidth());
            post = new Mat(rows, layer.paramSize());
            gPost = new Mat(rows, layer.paramSize());
            enc = nets.encoders[0].buffers(rows, slot);
            sums = new float[layer.paramSize()];
        }

        float[] heap(int n) {
            if (heap.length < n) {
                heap = new float[n];
            }
            return heap;
        }
    }

    Unique unique() {
        return unique;
    }

    Workspace(VaeNetworks nets, LatentLayer layer, int rows, int slot) {
        this.nets = nets;
        this.rows = rows;
        this.slot = slot;
        this.layer = layer;
        Task task = nets.task;
        Mlp[] encoders = nets.encoders;
        Mlp[] priorNets = nets.priorNets;
        int depth = nets.depth;
        boolean conditional = nets.conditional;
        input = new Mat(rows, task.inputWidth());
        target = task.targetIsInput() ? input : new Mat(rows, task.targetWidth());
        inputRow = new float[task.inputWidth()];
        targetRow = task.targetIsInput() ? null : new float[task.targetWidth()];
        enc = new Mlp.Buffers[encoders.length];
        z = new LayerBuffers[depth];
        priorBuffers = new Mlp.Buffers[priorNets.length];
        int priorRows = conditional ? 0 : depth - 1; // a conditional graph samples its priors into z[l].post
        priorParams = new Mat[priorRows];
        gPriorParams = new Mat[priorRows];
        for (int l = 0; l < depth; l++) {
            if (l < encoders.length) {
                enc[l] = encoders[l].buffers(rows, slot);
            }
            z[l] = new LayerBuffers(layer, rows);
        }
        for (int l = 0; l < priorNets.length; l++) {
            priorBuffers[l] = priorNets[l].buffers(rows, slot);
        }
        for (int l = 0; l < priorRows; l++) {
            priorParams[l] = new Mat(rows, layer.paramSize());
            gPriorParams[l] = new Mat(rows, layer.paramSize());
        }
        gCodeScratch = depth > 1 ? new Mat(rows, layer.codeSize()) : null;
        dec = nets.decoder.buffers(rows, slot);
        logits = new Mat(rows, task.targetWidth());
        gLogits = new Mat(rows, task.targetWidth());
        logw = new double[rows];
        gLogw = new double[rows];
        scoreWeights = new double[rows];
        gKl = new double[rows];
        noWeight = new double[rows];
        unused = new double[rows];
    }

    /** Copies images {@code first} … {@code first + n − 1}'s inputs (and targets), each repeated {@code times} times consecutively. */
    void loadReplicated(float[] batch, int first, int n, int times) {
        Task task = nets.task;
        this.times = times;
        if (times > 1 && !nets.conditional) {
            if (unique == null || unique.rows != n) {
                unique = new Unique(n);
            }
            for (int b = 0; b < n; b++) {
                task.input(batch, (first + b) * Task.IMAGE_PIXELS, inputRow, 0);
                unique.input.buffer().put(b * inputRow.length, inputRow);
            }
        }
        if (task.targetIsInput()) { // the image itself: one bulk copy per row
            int width = task.inputWidth();
            var xb = input.buffer();
            for (int b = 0; b < n; b++) {
                for (int j = 0; j < times; j++) {
                    xb.position((b * times + j) * width);
                    xb.put(batch, (first + b) * Task.IMAGE_PIXELS, width);
                }
            }
            xb.position(0);
            return;
        }
        for (int b = 0; b < n; b++) {
            task.input(batch, (first + b) * Task.IMAGE_PIXELS, inputRow, 0);
            task.target(batch, (first + b) * Task.IMAGE_PIXELS, targetRow, 0);
            for (int j = 0; j < times; j++) {
                input.buffer().put((b * times + j) * inputRow.length, inputRow);
                target.buffer().put((b * times + j) * targetRow.length, targetRow);
            }
        }
    }
}

