package org.concretelab.model.task;

/** The paper's first task: model p(x) of whole 28×28 binary MNIST digits (input and target are the image). */
public final class DensityEstimation implements Task {
    public static final String NAME = "density";
    public static final int PIXELS = IMAGE_PIXELS;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int inputWidth() {
        return PIXELS;
    }

    @Override
    public int targetWidth() {
        return PIXELS;
    }

    @Override
    public boolean targetIsInput() {
        return true;
    }

    @Override
    public void input(float[] image, int from, float[] dest, int at) {
        System.arraycopy(image, from, dest, at, PIXELS);
    }

    @Override
    public void target(float[] image, int from, float[] dest, int at) {
        System.arraycopy(image, from, dest, at, PIXELS);
    }
}
