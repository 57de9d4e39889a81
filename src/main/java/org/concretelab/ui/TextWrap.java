package org.concretelab.ui;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Line breaks for text shown where the control cannot wrap it itself (a toast, a chart's title). */
public final class TextWrap {
    private TextWrap() {
    }

    /**
     * {@code text} with line breaks so that no line is wider than {@code maxWidth} in {@code font}: between words, and
     * inside a word (a path) that is wider on its own.
     */
    public static String wrap(String text, Font font, double maxWidth) {
        Text measure = new Text();
        measure.setFont(font);
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(measure, candidate) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    out.append(line).append('\n');
                    line.setLength(0);
                }
                String rest = word;
                while (width(measure, rest) > maxWidth && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(measure, rest.substring(0, cut)) > maxWidth) {
                        cut--;
                    }
                    out.append(rest, 0, cut).append('\n');
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            out.append(line);
        }
        return out.toString();
    }

    private static double width(Text measure, String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

}
