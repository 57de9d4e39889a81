package org.concretelab.ui.latents;

import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;


/**
 * The view of a {@link DrawingBoard}: a canvas the mouse draws on (press starts a stroke, drag extends it), redrawn
 * from the board's ink after every segment, with a frame painted over it by its owner (e.g. MNIST's 20-pixel box).
 * The Latents and Complete tabs both draw digits with it.
 */
public final class DrawingCanvas extends Canvas {
    private final DrawingBoard board;
    private final Consumer<GraphicsContext> frame;
    private Runnable onChange = () -> { };

    /** A canvas of the board's size; {@code frame} paints the overlay after every redraw. */
    public DrawingCanvas(DrawingBoard board, Consumer<GraphicsContext> frame) {
        super(board.width(), board.height());
        this.board = board;
        this.frame = frame;
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> stroke(e, true));
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> stroke(e, false));
        clear();
    }

    public DrawingBoard board() {
        return board;
    }

    /** Called after every stroke segment and after {@link #clear()} (e.g. to show the prepared digit). */
    public void setOnChange(Runnable action) {
        onChange = action;
    }

    /** Wipes the ink and the canvas. */
    public void clear() {
        board.clear();
        GraphicsContext gc = getGraphicsContext2D();
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, getWidth(), getHeight());
        frame.accept(gc);
        onChange.run();
    }

    private void stroke(MouseEvent e, boolean pressed) {
        if (pressed) {
            board.begin(e.getX(), e.getY());
        } else {
            board.lineTo(e.getX(), e.getY());
        }
        GraphicsContext gc = getGraphicsContext2D();
        gc.drawImage(DigitImages.ofCanvas(board.ink(), board.width(), board.height()), 0, 0);
        frame.accept(gc);
        onChange.run();
    }
}
