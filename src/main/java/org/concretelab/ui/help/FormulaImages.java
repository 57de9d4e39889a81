package org.concretelab.ui.help;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/** LaTeX to an image with JLaTeXMath (Java2D only: safe off the FX thread). */
public final class FormulaImages {
    private FormulaImages() {
    }

    /**
     * @param size  font size in points at 1× scale
     * @param scale pixels per point: render at 2 and show at half size to stay crisp on HiDPI screens
     */
    public static Image render(String latex, float size, double scale) {
        TeXIcon icon = new TeXFormula(latex).createTeXIcon(TeXConstants.STYLE_DISPLAY, (float) (size * scale));
        int pad = (int) Math.ceil(2 * scale);
        icon.setInsets(new java.awt.Insets(pad, pad, pad, pad));
        icon.setForeground(new java.awt.Color(0x1c, 0x25, 0x30));
        BufferedImage image = new BufferedImage(icon.getIconWidth(), icon.getIconHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        return SwingFXUtils.toFXImage(image, null);
    }
}
