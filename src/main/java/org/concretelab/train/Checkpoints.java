package org.concretelab.train;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.concretelab.data.Binarization;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.Centring;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.estimator.ConcreteRelaxation;
import org.concretelab.model.estimator.StraightThrough;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.ModelState;
import org.concretelab.model.ParameterShapes;

/**
 * Reads and writes {@code .ckpt} files: a zip holding {@code checkpoint.json} (format, options, counters,
 * array names and shapes) and {@code arrays.bin} (little-endian floats). Zip's per-entry CRC-32 turns any
 * damaged byte into a clear error. Writes go to a temp file in the same folder, then an atomic rename,
 * so a crash never leaves a half-written checkpoint under the real name.
 */
public final class Checkpoints {
    public static final String FORMAT = "concrete-explorer-checkpoint";
    public static final int VERSION = 3;
    /**
     * Version 1 (before estimators and tasks had names) stored a straight-through flag; it is read as version 2.
     * Version 2 stored EMA centring as a flag, which meant {@link Centring#EVERY_READER}; version 3 names the
     * centring, and a build that knows only version 2 refuses it (it would read a centred model as uncentred).
     */
    private static final int OLDEST_READABLE = 1;
    private static final Gson GSON = new Gson();
    /** checkpoint.json is a few kB (options, counters, array names and shapes); anything past this is no header. */
    static final int HEADER_CAP = 1 << 20;
    /** An entry this build does not write (skipped, but read to check it): never more than this. */
    private static final int OTHER_ENTRY_CAP = 1 << 16;

    private Checkpoints() {
    }

    /** Writes {@code cp} (with Adam's moments) atomically. */
    public static void save(Path file, TrainingCheckpoint cp) {
        save(file, cp, true);
    }

    /**
     * Writes {@code cp} atomically; without the optimiser's moments the file is a third of the size (for
     * shipping a model) but training cannot resume from it exactly.
     */
    public static void save(Path file, TrainingCheckpoint cp, boolean withOptimizer) {
        try {
            AtomicFiles.write(file, out -> write(out, cp, withOptimizer));
        } catch (IOException e) {
            throw new CheckpointException("could not write checkpoint " + file + " (" + e.getMessage()
                    + "); check free space and permissions. The previous checkpoint, if any, is untouched.", e);
        }
    }

    static void write(OutputStream raw, TrainingCheckpoint cp, boolean withOptimizer) throws IOException {
        CheckpointArrays.check(cp.model(), "being written"); // never write what load would refuse
        Map<String, ModelState.NamedArray> arrays = new LinkedHashMap<>();
        cp.model().arrays().forEach((name, a) -> {
            if (withOptimizer || !name.endsWith(CheckpointArrays.ADAM)) {
                arrays.put(name, a);
            }
        });
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("version", VERSION);
        json.add("options", options(cp.options()));
        json.addProperty("step", cp.step());
        json.addProperty("epoch", cp.epoch());
        json.addProperty("batchInEpoch", cp.batchInEpoch());
        json.addProperty("optimizerStep", cp.model().step());
        JsonArray index = new JsonArray();
        arrays.forEach((name, a) -> {
            JsonObject e = new JsonObject();
            e.addProperty("name", name);
            e.add("shape", GSON.toJsonTree(a.shape()));
            index.add(e);
        });
        json.add("arrays", index);
        ZipOutputStream zip = new ZipOutputStream(raw);
        // float weights barely compress (5.7 MB -> 5.2 MB at the fastest level), and deflating them cost the trainer
        // ~0.1 s a checkpoint, one per epoch, on a thread the training step needs (perf: libz at 3 % of both cores
        // while the app trained); stored blocks keep zip's CRC-32 check at the cost of a memory copy
        zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry("checkpoint.json"));
        zip.write(GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("arrays.bin"));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (ModelState.NamedArray a : arrays.values()) {
            for (float v : a.values()) {
                if (buf.remaining() < 4) {
                    data.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
        }
        data.write(buf.array(), 0, buf.position());
        data.flush();
        zip.closeEntry();
        zip.finish();
    }

    /** Reads a checkpoint; every problem is a {@link CheckpointException} that names the file. */
    public static TrainingCheckpoint load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a checkpoint from a stream (e.g. the model shipped in the jar); {@code name} is used in messages. Nothing is
     * read whole: the header is capped at {@value #HEADER_CAP} bytes and the arrays are streamed into exactly the sizes
     * the header's model fixes, so an entry that inflates beyond them (a zip bomb) is refused without the memory.
     */
    public static TrainingCheckpoint load(InputStream in, String name) {
        try {
            ZipInputStream zip = new ZipInputStream(in);
            JsonObject json = null;
            TrainingCheckpoint cp = null;
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("checkpoint.json") && json == null) {
                    json = headerJson(zip, name);
                } else if (e.getName().equals("arrays.bin") && cp == null) {
                    if (json == null) { // the writer puts the header first: without it no size is known
                        throw new CheckpointException(name + " is not a Concrete Explorer checkpoint: its arrays.bin comes"
                                + " before checkpoint.json");
                    }
                    cp = parse(json, zip, name);
                } else {
                    capped(zip, OTHER_ENTRY_CAP, name, "entry " + e.getName()); // verifies its CRC-32, boundedly
                }
            }
            if (json == null || cp == null) {
                throw new CheckpointException(name + " is not a Concrete Explorer checkpoint (or it is truncated): "
                        + "expected a zip with checkpoint.json and arrays.bin");
            }
            return cp;
        } catch (ZipException e) {
            throw new CheckpointException(name + " is damaged (" + e.getMessage() + "); use another checkpoint, e.g. "
                    + "previous.ckpt beside it", e);
        } catch (EOFException e) {
            throw new CheckpointException(name + " is truncated (the file ends early, e.g. an interrupted copy); use"
                    + " another checkpoint, e.g. previous.ckpt beside it", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + name + " (" + e.getMessage() + ")", e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | ClassCastException
                 | NumberFormatException | ArithmeticException e) {
            throw new CheckpointException(name + " has an unreadable header (" + e.getMessage() + ")", e);
        }
    }

    /** checkpoint.json's bytes (read to its end: that checks its CRC-32), refused beyond {@value #HEADER_CAP} bytes. */
    private static JsonObject headerJson(ZipInputStream zip, String name) throws IOException {
        return GSON.fromJson(new String(capped(zip, HEADER_CAP, name, "checkpoint.json"), StandardCharsets.UTF_8), JsonObject.class);
    }

    /** The rest of the current entry, or a CheckpointException once it passes {@code cap} bytes (read no further). */
    private static byte[] capped(InputStream in, int cap, String name, String what) throws IOException {
        byte[] bytes = in.readNBytes(cap + 1);
        if (bytes.length > cap) {
            throw new CheckpointException("checkpoint " + name + " is damaged or hostile: its " + what + " inflates beyond "
                    + cap + " bytes, more than a checkpoint holds; use another checkpoint, e.g. previous.ckpt beside it");
        }
        return bytes;
    }

    /** A checkpoint's options and counters, read without its arrays. */
    public record Header(TrainingOptions options, long step, int epoch) {
    }

    /**
     * Reads only {@code checkpoint.json} of {@code file} (written first, so the arrays are not read): what a list of runs
     * needs, at a fraction of {@link #load(Path)}'s cost. The arrays are not checked; every problem with the header is a
     * {@link CheckpointException} that names the file.
     */
    public static Header header(Path file) {
        String name = file.toString();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            // the writer puts checkpoint.json first: another entry is never inflated (skipping it would read it all)
            ZipEntry e = zip.getNextEntry();
            if (e != null) {
                if (e.getName().equals("checkpoint.json")) {
                    JsonObject json = headerJson(zip, name);
                    if (json == null || !json.has("format") || !FORMAT.equals(json.get("format").getAsString())) {
                        throw new CheckpointException(name + " is not a Concrete Explorer checkpoint");
                    }
                    int version = field(json, "version", name).getAsInt();
                    if (version < OLDEST_READABLE || version > VERSION) {
                        throw new CheckpointException(name + " has format version " + version + "; this build reads versions "
                                + OLDEST_READABLE + " to " + VERSION);
                    }
                    TrainingOptions options = options(field(json, "options", name).getAsJsonObject(), name);
                    checkCounters(json, name);
                    return new Header(options, field(json, "step", name).getAsLong(), field(json, "epoch", name).getAsInt());
                }
            }
            throw new CheckpointException(name + " is not a Concrete Explorer checkpoint (or it is truncated): it does not"
                    + " start with checkpoint.json");
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + name + " (" + e.getMessage() + ")", e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | ClassCastException
                 | IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointException(name + " has an unreadable header (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The checkpoint {@code json} describes, its arrays streamed from {@code arrays} (the arrays.bin entry): every shape
     * is checked against the header's model before anything is allocated, and no byte past the sizes they fix is read.
     */
    private static TrainingCheckpoint parse(JsonObject json, InputStream arrays, String name) throws IOException {
        if (json == null || !json.has("format") || !FORMAT.equals(json.get("format").getAsString())) {
            throw new CheckpointException(name + " is not a Concrete Explorer checkpoint");
        }
        int version = field(json, "version", name).getAsInt();
        if (version < OLDEST_READABLE || version > VERSION) {
            throw new CheckpointException(name + " has format version " + version + "; this build reads versions "
                    + OLDEST_READABLE + " to " + VERSION + ". Use the Concrete Explorer version that wrote it.");
        }
        TrainingOptions options;
        try {
            options = options(field(json, "options", name).getAsJsonObject(), name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + " holds invalid options: " + e.getMessage(), e);
        }
        checkCounters(json, name);
        Map<String, long[]> expected = ParameterShapes.of(options.spec());
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long bytes = 0;
        for (var element : field(json, "arrays", name).getAsJsonArray()) {
            JsonObject e = element.getAsJsonObject();
            String array = field(e, "name", name).getAsString();
            long[] shape = GSON.fromJson(field(e, "shape", name), long[].class);
            // before allocating: a damaged shape (negative, huge, transposed) must not reach new float[]
            CheckpointArrays.checkShape(expected, array, shape, name, options.spec().describe());
            if (shapes.put(array, shape) != null) {
                throw new CheckpointException("checkpoint " + name + " is damaged: array '" + array + "' is listed twice;"
                        + " use another checkpoint, e.g. previous.ckpt beside it");
            }
            long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (n > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(name + "'s model (" + options.spec().describe() + ") has an array of " + n
                        + " values, more than this program can hold");
            }
            bytes = Math.addExact(bytes, n * 4);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw new CheckpointException(name + "'s model (" + options.spec().describe() + ") needs " + (bytes >> 20)
                    + " MB of arrays, more than this program's memory (" + (heap >> 20) + " MB) allows");
        }
        Map<String, ModelState.NamedArray> map = new LinkedHashMap<>();
        byte[] chunk = new byte[1 << 16];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, long[]> a : shapes.entrySet()) {
            float[] v = new float[(int) Arrays.stream(a.getValue()).reduce(1, (x, y) -> x * y)];
            for (int at = 0; at < v.length; ) {
                int want = Math.min(chunk.length / 4, v.length - at) * 4;
                if (arrays.readNBytes(chunk, 0, want) < want) {
                    throw new CheckpointException(name + " is truncated: array " + a.getKey() + " is incomplete");
                }
                buf.clear();
                buf.asFloatBuffer().get(v, at, want / 4);
                at += want / 4;
            }
            map.put(a.getKey(), new ModelState.NamedArray(a.getValue(), v));
        }
        // one byte more: the entry's end (which checks its CRC-32), or bytes no array of the header claims
        long extra = arrays.readNBytes(chunk, 0, chunk.length);
        if (extra > 0) {
            throw new CheckpointException("checkpoint " + name + " is damaged: arrays.bin holds " + (extra < chunk.length
                    ? extra + " bytes" : "more bytes than") + " beyond the arrays of its header; use another checkpoint, e.g."
                    + " previous.ckpt beside it");
        }
        ModelState state = new ModelState(options.spec(), field(json, "optimizerStep", name).getAsLong(), map);
        CheckpointArrays.check(state, name);
        return new TrainingCheckpoint(options, state, field(json, "step", name).getAsLong(),
                field(json, "epoch", name).getAsInt(), field(json, "batchInEpoch", name).getAsInt());
    }

    /**
     * Refuses counters no run writes (a hand-edited or damaged header): a negative step, epoch or batch, or more epochs
     * than steps, would otherwise train on as "epoch 0/2" with schedules and logs off by that much.
     */
    private static void checkCounters(JsonObject json, String name) {
        long step = field(json, "step", name).getAsLong();
        long epoch = field(json, "epoch", name).getAsLong();
        long batch = json.has("batchInEpoch") ? json.get("batchInEpoch").getAsLong() : 0;
        if (step < 0 || epoch < 0 || batch < 0 || epoch > step || epoch > Integer.MAX_VALUE || batch > Integer.MAX_VALUE) {
            throw new CheckpointException("checkpoint " + name + " is damaged: its header says step " + step + ", epoch "
                    + epoch + ", batch " + batch + ", which no run writes; use another checkpoint, e.g. previous.ckpt beside it");
        }
    }

    /** A required header field; its absence is named, not a NullPointerException. */
    private static JsonElement field(JsonObject o, String key, String name) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new CheckpointException("checkpoint " + name + " is damaged: header field '" + key + "' is missing;"
                    + " use another checkpoint, e.g. previous.ckpt beside it");
        }
        return e;
    }

    private static JsonObject options(TrainingOptions o) {
        ModelSpec s = o.spec();
        JsonObject spec = new JsonObject();
        spec.addProperty("architecture", s.architecture().name());
        spec.addProperty("latentKind", s.latentKind().name());
        spec.addProperty("discreteUnits", s.discreteUnits());
        spec.addProperty("classes", s.classes());
        spec.addProperty("gaussianUnits", s.gaussianUnits());
        spec.addProperty("hiddenUnits", s.hiddenUnits());
        spec.addProperty("lambdaPosterior", s.lambdaPosterior());
        spec.addProperty("lambdaPrior", s.lambdaPrior());
        spec.addProperty("samples", s.samples());
        spec.addProperty("learningRate", s.learningRate());
        spec.addProperty("estimator", s.estimator());
        spec.addProperty("task", s.task());
        spec.addProperty("centring", s.centring().label());
        JsonObject json = new JsonObject();
        json.add("spec", spec);
        json.addProperty("batchSize", o.batchSize());
        json.addProperty("epochs", o.epochs());
        json.addProperty("seed", o.seed());
        json.addProperty("binarization", o.binarization().name());
        json.addProperty("trainLimit", o.trainLimit());
        json.addProperty("validationLimit", o.validationLimit());
        json.addProperty("validationSamples", o.validationSamples());
        json.addProperty("finalLearningRate", o.finalLearningRate());
        json.addProperty("finalTemperatureFactor", o.finalTemperatureFactor());
        json.addProperty("klWarmupSteps", o.klWarmupSteps());
        json.addProperty("protocol", o.protocol().label());
        json.addProperty("dataset", o.dataset().name());
        return json;
    }

    /** The EMA centring a spec names; version 2 had a flag (true: what every build then did), version 1 none. */
    private static Centring centring(JsonObject spec) {
        if (!spec.has("centring")) {
            return Centring.OFF;
        }
        var value = spec.get("centring").getAsJsonPrimitive();
        if (value.isBoolean()) {
            return value.getAsBoolean() ? Centring.EVERY_READER : Centring.OFF;
        }
        return Centring.ofLabel(value.getAsString());
    }

    /** The estimator's name; a version-1 file has only a straight-through flag. */
    private static String estimator(JsonObject spec) {
        if (spec.has("estimator")) {
            return spec.get("estimator").getAsString();
        }
        boolean straight = spec.has("straightThrough") && spec.get("straightThrough").getAsBoolean();
        return straight ? StraightThrough.NAME : ConcreteRelaxation.NAME;
    }

    private static TrainingOptions options(JsonObject json, String name) {
        JsonObject s = field(json, "spec", name).getAsJsonObject();
        ModelSpec spec = new ModelSpec(Architecture.valueOf(field(s, "architecture", name).getAsString()),
                LatentKind.valueOf(field(s, "latentKind", name).getAsString()), field(s, "discreteUnits", name).getAsInt(),
                field(s, "classes", name).getAsInt(), field(s, "gaussianUnits", name).getAsInt(),
                field(s, "hiddenUnits", name).getAsInt(), field(s, "lambdaPosterior", name).getAsDouble(),
                field(s, "lambdaPrior", name).getAsDouble(), field(s, "samples", name).getAsInt(),
                field(s, "learningRate", name).getAsDouble(), estimator(s), s.has("task") ? s.get("task").getAsString()
                        : DensityEstimation.NAME, centring(s));
        return new TrainingOptions(spec, field(json, "batchSize", name).getAsInt(), field(json, "epochs", name).getAsInt(),
                field(json, "seed", name).getAsLong(), Binarization.valueOf(field(json, "binarization", name).getAsString()),
                field(json, "trainLimit", name).getAsInt(), field(json, "validationLimit", name).getAsInt(),
                field(json, "validationSamples", name).getAsInt(), null,
                json.has("finalLearningRate") ? json.get("finalLearningRate").getAsDouble() : 0,
                json.has("finalTemperatureFactor") ? json.get("finalTemperatureFactor").getAsDouble() : 0,
                json.has("klWarmupSteps") ? json.get("klWarmupSteps").getAsInt() : 0,
                json.has("protocol") ? Protocol.named(json.get("protocol").getAsString()) : Protocol.PROJECT, // older: the project's
                dataset(json, name));
    }

    /** The run's dataset; a checkpoint written before datasets were recorded trained on MNIST, the only one then. */
    private static Dataset dataset(JsonObject json, String name) {
        if (!json.has("dataset")) {
            return Datasets.defaultDataset();
        }
        String d = json.get("dataset").getAsString();
        try {
            return Datasets.named(d);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + " was trained on dataset '" + d + "', which this build does not know ("
                    + "it knows " + String.join(", ", Datasets.names()) + "); use the Concrete Explorer version that wrote it");
        }
    }
}
