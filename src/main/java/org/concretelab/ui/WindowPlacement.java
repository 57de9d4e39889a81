package org.concretelab.ui;

/**
 * Where the main window opens, from the screen's visual bounds (without task bars): 90 % of them, centred, on any
 * screen size (the panes, the Latents digit among them, grow with the window). Plain arithmetic, so it is tested
 * without a screen. The minimum size never exceeds the screen, or a small laptop could not hold it.
 */
public record WindowPlacement(double x, double y, double width, double height, double minWidth, double minHeight) {
    static final double FRACTION = 0.9;
    static final double MIN_WIDTH = 900;
    static final double MIN_HEIGHT = 600;

    public static WindowPlacement within(double screenX, double screenY, double screenWidth, double screenHeight) {
        double minW = Math.min(MIN_WIDTH, screenWidth);
        double minH = Math.min(MIN_HEIGHT, screenHeight);
        double w = Math.floor(Math.max(minW, screenWidth * FRACTION));
        double h = Math.floor(Math.max(minH, screenHeight * FRACTION));
        return new WindowPlacement(screenX + Math.floor((screenWidth - w) / 2), screenY + Math.floor((screenHeight - h) / 2),
                w, h, minW, minH);
    }
}
