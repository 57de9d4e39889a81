package org.concretelab.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;

/**
 * Writes and reads {@link TrainingCheckpoint}s.
 *
 * <p>Format (version {@value #VERSION}): a zip file with two entries, in this order:
 * <ol>
 *   <li>{@code checkpoint.json} (deflated): {@code format} = {@value #FORMAT}, {@code version},
 *       {@code options} (including the model {@code spec}), {@code step}, {@code epoch},
 *       {@code batchInEpoch}, {@code modelStep} (Adam's step count), {@code arrays} (name and shape of
 *       each array, in order), {@code dataBytes} and {@code dataCrc32} of the second entry;</li>
 *   <li>{@code arrays.bin} (stored): every array's values as little-endian float32, concatenated in
 *       the header's order.</li>
 * </ol>
 * Saving is atomic: the file is written to a temporary file in the same folder, forced to disk and
 * moved over the target with {@code ATOMIC_MOVE}, so a crash leaves either the old or the new file.
 */
public final class Checkpoints {
    static final String FORMAT = "concrete-explorer-checkpoint";
    static final int VERSION = 1;
    static final String HEADER = "checkpoint.json";
    static final String DATA = "arrays.bin";

    private Checkpoints() {
    }

    /** Writes {@code cp} to {@code file} atomically, creating the folder if needed. */
    public static void save(Path file, TrainingCheckpoint cp) {
        save(file, cp, UnaryOperator.identity());
    }

    /** {@link #save(Path, TrainingCheckpoint)} with the file's stream wrapped (tests inject failures). */
    static void save(Path file, TrainingCheckpoint cp, UnaryOperator<OutputStream> wrap) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream raw = wrap.apply(Channels.newOutputStream(channel));
                ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 16));
                write(zip, cp);
                zip.finish();
                zip.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("could not write checkpoint " + file + ": " + describe(e)
                    + " (the previous file, if any, is unchanged)", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless and named after the checkpoint
                }
            }
        }
    }

    /** Reads a checkpoint; a missing, damaged, foreign or newer-format file gives a {@link CheckpointException}. */
    public static TrainingCheckpoint load(Path file) {
        if (!Files.exists(file)) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new CheckpointException("checkpoint " + file + " is a folder; give a .ckpt file (e.g. "
                    + file.resolve("last.ckpt") + ")");
        }
        String name = file.toString();
        try {
            byte[] magic;
            try (InputStream in = Files.newInputStream(file)) {
                magic = in.readNBytes(4);
            }
            if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
                throw notACheckpoint(name);
            }
            // ZipFile reads the central directory at the end, so a file cut anywhere is noticed.
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry header = zip.getEntry(HEADER);
                if (header == null) {
                    throw notACheckpoint(name);
                }
                ZipEntry data = zip.getEntry(DATA);
                try (InputStream h = zip.getInputStream(header)) {
                    return parse(name, h.readAllBytes(), data == null ? null : zip.getInputStream(data));
                }
            }
        } catch (CheckpointException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist", e);
        } catch (EOFException e) {
            throw truncated(name, "the file ends early");
        } catch (ZipException e) {
            throw truncated(name, "its zip directory is missing or broken (" + describe(e) + ")");
        } catch (IOException e) {
            throw new CheckpointException("could not read checkpoint " + file + ": " + describe(e), e);
        }
    }

    /**
     * Reads a checkpoint and checks it holds a model of {@code expected}'s spec.
     *
     * @throws CheckpointException also when the checkpoint is of another architecture or configuration
     */
    public static TrainingCheckpoint load(Path file, ModelSpec expected) {
        TrainingCheckpoint cp = load(file);
        if (!cp.options().spec().equals(expected)) {
            throw new CheckpointException("checkpoint " + file + " holds another model: " + details(cp.options().spec())
                    + ", expected " + details(expected));
        }
        return cp;
    }

    /** Reads a checkpoint from a stream ({@code name} appears in error messages; the stream is not closed). */
    public static TrainingCheckpoint load(InputStream in, String name) {
        try {
            ZipInputStream zip = new ZipInputStream(new BufferedInputStream(in, 1 << 16));
            ZipEntry first = zip.getNextEntry();
            if (first == null || !HEADER.equals(first.getName())) {
                throw notACheckpoint(name);
            }
            byte[] header = zip.readAllBytes();
            ZipEntry second = zip.getNextEntry();
            return parse(name, header, second != null && DATA.equals(second.getName()) ? zip : null);
        } catch (CheckpointException e) {
            throw e;
        } catch (EOFException e) {
            throw truncated(name, "the file ends early");
        } catch (ZipException e) {
            throw damaged(name, describe(e));
        } catch (IOException e) {
            throw new CheckpointException("could not read checkpoint " + name + ": " + describe(e), e);
        }
    }

    /** Checks the header and decodes the data ({@code dataIn} positioned at the data entry, or null if absent). */
    private static TrainingCheckpoint parse(String name, byte[] headerBytes, InputStream dataIn) throws IOException {
        try {
            JsonObject header;
            try {
                JsonElement parsed = JsonParser.parseString(new String(headerBytes, StandardCharsets.UTF_8));
                if (!parsed.isJsonObject()) {
                    throw notACheckpoint(name);
                }
                header = parsed.getAsJsonObject();
            } catch (JsonParseException e) {
                throw new CheckpointException("checkpoint " + name + " is damaged: its header is not valid JSON", e);
            }
            if (!header.has("format") || !FORMAT.equals(header.get("format").getAsString())) {
                throw notACheckpoint(name);
            }
            int version = header.get("version").getAsInt();
            if (version != VERSION) {
                throw new CheckpointException("checkpoint " + name + " has format version " + version
                        + "; this build reads version " + VERSION + " (use the Concrete Explorer that wrote it,"
                        + " or retrain)");
            }
            if (dataIn == null) {
                throw truncated(name, "the parameter data is missing");
            }
            long dataBytes = header.get("dataBytes").getAsLong();
            if (dataBytes < 0 || dataBytes > Integer.MAX_VALUE - 16) {
                throw damaged(name, "implausible data size " + dataBytes);
            }
            byte[] data = dataIn.readNBytes((int) dataBytes);
            if (data.length != dataBytes) {
                throw truncated(name, "the parameter data ends after " + data.length + " of " + dataBytes + " bytes");
            }
            CRC32 crc = new CRC32();
            crc.update(data);
            if (crc.getValue() != header.get("dataCrc32").getAsLong()) {
                throw damaged(name, "checksum mismatch in the parameter data");
            }
            return decode(header, data, name);
        } catch (CheckpointException | IOException e) {
            throw e;
        } catch (RuntimeException e) { // missing or ill-typed header fields, an invalid spec or options
            throw damaged(name, "bad header (" + describe(e) + ")");
        }
    }

    // ------------------------------------------------------------------ writing

    private static void write(ZipOutputStream zip, TrainingCheckpoint cp) throws IOException {
        ModelState state = cp.model();
        long total = 0;
        JsonArray arrays = new JsonArray();
        for (Map.Entry<String, ModelState.NamedArray> e : state.arrays().entrySet()) {
            JsonObject a = new JsonObject();
            a.addProperty("name", e.getKey());
            JsonArray shape = new JsonArray();
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            a.add("shape", shape);
            arrays.add(a);
            total += 4L * e.getValue().values().length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException("model too large for checkpoint format " + VERSION + " (" + total + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (ModelState.NamedArray a : state.arrays().values()) {
            buf.asFloatBuffer().put(a.values());
            buf.position(buf.position() + 4 * a.values().length);
        }
        byte[] data = buf.array();
        CRC32 crc = new CRC32();
        crc.update(data);

        JsonObject header = new JsonObject();
        header.addProperty("format", FORMAT);
        header.addProperty("version", VERSION);
        header.add("options", options(cp.options()));
        header.addProperty("step", cp.step());
        header.addProperty("epoch", cp.epoch());
        header.addProperty("batchInEpoch", cp.batchInEpoch());
        header.addProperty("modelStep", state.step());
        header.add("arrays", arrays);
        header.addProperty("dataBytes", data.length);
        header.addProperty("dataCrc32", crc.getValue());

        zip.putNextEntry(new ZipEntry(HEADER));
        zip.write(header.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        ZipEntry entry = new ZipEntry(DATA);
        entry.setMethod(ZipEntry.STORED); // float weights barely compress; storing is fast
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static JsonObject options(TrainingOptions o) {
        JsonObject j = new JsonObject();
        j.add("spec", spec(o.spec()));
        j.addProperty("batchSize", o.batchSize());
        j.addProperty("epochs", o.epochs());
        j.addProperty("seed", o.seed());
        j.addProperty("binarization", o.binarization().name());
        j.addProperty("trainLimit", o.trainLimit());
        j.addProperty("validationLimit", o.validationLimit());
        j.addProperty("validationSamples", o.validationSamples());
        if (o.outputDir() != null) {
            j.addProperty("outputDir", o.outputDir().toString());
        }
        return j;
    }

    private static JsonObject spec(ModelSpec s) {
        JsonObject j = new JsonObject();
        j.addProperty("architecture", s.architecture().label());
        j.addProperty("latentKind", s.latentKind().name());
        j.addProperty("discreteUnits", s.discreteUnits());
        j.addProperty("classes", s.classes());
        j.addProperty("gaussianUnits", s.gaussianUnits());
        j.addProperty("hiddenUnits", s.hiddenUnits());
        j.addProperty("lambdaPosterior", s.lambdaPosterior());
        j.addProperty("lambdaPrior", s.lambdaPrior());
        j.addProperty("samples", s.samples());
        j.addProperty("learningRate", s.learningRate());
        return j;
    }

    // ------------------------------------------------------------------ reading

    private static TrainingCheckpoint decode(JsonObject h, byte[] data, String name) {
        JsonObject o = h.getAsJsonObject("options");
        JsonObject s = o.getAsJsonObject("spec");
        ModelSpec spec = new ModelSpec(Architecture.parse(s.get("architecture").getAsString()),
                LatentKind.parse(s.get("latentKind").getAsString()), s.get("discreteUnits").getAsInt(),
                s.get("classes").getAsInt(), s.get("gaussianUnits").getAsInt(), s.get("hiddenUnits").getAsInt(),
                s.get("lambdaPosterior").getAsDouble(), s.get("lambdaPrior").getAsDouble(),
                s.get("samples").getAsInt(), s.get("learningRate").getAsDouble());
        TrainingOptions options = new TrainingOptions(spec, o.get("batchSize").getAsInt(), o.get("epochs").getAsInt(),
                o.get("seed").getAsLong(), Binarization.valueOf(o.get("binarization").getAsString()),
                o.get("trainLimit").getAsInt(), o.get("validationLimit").getAsInt(),
                o.get("validationSamples").getAsInt(),
                o.has("outputDir") ? Path.of(o.get("outputDir").getAsString()) : null);
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, ModelState.NamedArray> arrays = new LinkedHashMap<>();
        for (JsonElement e : h.getAsJsonArray("arrays")) {
            JsonObject a = e.getAsJsonObject();
            JsonArray shapeJson = a.getAsJsonArray("shape");
            long[] shape = new long[shapeJson.size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw damaged(name, "negative array dimension");
                }
                n *= shape[i];
            }
            if (4 * n > buf.remaining()) {
                throw damaged(name, "array '" + a.get("name").getAsString() + "' extends past the data");
            }
            float[] values = new float[(int) n];
            buf.asFloatBuffer().get(values);
            buf.position(buf.position() + 4 * values.length);
            arrays.put(a.get("name").getAsString(), new ModelState.NamedArray(shape, values));
        }
        if (buf.hasRemaining()) {
            throw damaged(name, buf.remaining() + " bytes of data belong to no array");
        }
        return new TrainingCheckpoint(options, new ModelState(spec, h.get("modelStep").getAsLong(), arrays),
                h.get("step").getAsLong(), h.get("epoch").getAsInt(), h.get("batchInEpoch").getAsInt());
    }

    /** The spec with the values that distinguish otherwise equally described models. */
    static String details(ModelSpec s) {
        return s.describe() + " (" + s.discreteUnits() + " units, " + s.hiddenUnits() + " hidden, λ1="
                + s.lambdaPosterior() + ", λ2=" + s.lambdaPrior() + ", lr=" + s.learningRate() + ")";
    }

    private static CheckpointException notACheckpoint(String name) {
        return new CheckpointException(name + " is not a Concrete Explorer checkpoint (expected a .ckpt file written by"
                + " `train` or the app)");
    }

    private static CheckpointException truncated(String name, String what) {
        return new CheckpointException("checkpoint " + name + " is truncated: " + what
                + " (an interrupted copy? use previous.ckpt from the same folder)");
    }

    private static CheckpointException damaged(String name, String what) {
        return new CheckpointException("checkpoint " + name + " is damaged: " + what
                + " (use previous.ckpt from the same folder, or retrain)");
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
