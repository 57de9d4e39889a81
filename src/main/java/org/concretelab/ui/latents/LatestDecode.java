package org.concretelab.ui.latents;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.concretelab.explore.LatentCode;
import org.concretelab.explore.Sensitivity;
import org.concretelab.model.VaeModel;
import org.concretelab.ui.BackgroundWork;

/**
 * Decodes the latest code off the FX thread with the model current when the decode runs; flips faster than
 * decoding collapse into one decode.
 */
final class LatestDecode {
    /** What a decode shows, on the FX thread: the decoding model's name, the means and the sensitivity map (or null). */
    interface Result {
        void show(String decodedBy, float[] means, double[] sensitivity);
    }

    /** A model and its name under the decoded image; swapped as one, since queued decodes read it off the FX thread. */
    private record Decoder(VaeModel model, String name) {
    }

    private record Request(LatentCode code, boolean sensitivity) {
    }

    private final BackgroundWork work;
    private final Result result;
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Decoder decoder; // read by queued decodes: they use the model current when they run

    LatestDecode(BackgroundWork work, Result result) {
        this.work = work;
        this.result = result;
    }

    /** Decodes with {@code m}, named {@code name}, from now on (null: none). */
    void use(VaeModel m, String name) {
        decoder = m == null ? null : new Decoder(m, name);
    }

    /** Decodes {@code code} (with its sensitivity map if asked) once the background gets to it, unless a newer one came. */
    void request(LatentCode code, boolean withSensitivity) {
        pending.set(new Request(code, withSensitivity));
        if (scheduled.compareAndSet(false, true)) {
            work.run(() -> {
                scheduled.set(false);
                Request r = pending.getAndSet(null);
                Decoder d = decoder;
                if (r == null || d == null || !r.code().layout().equals(d.model().latentLayout())) {
                    return () -> { };
                }
                VaeModel m = d.model();
                float[] means = m.decode(r.code().values());
                double[] s = r.sensitivity() ? Sensitivity.of(m, r.code(), means) : null;
                return () -> result.show(d.name(), means, s);
            });
        }
    }
}
