package org.concretelab.reference;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.concretelab.train.AtomicFiles;
import org.concretelab.train.IoProblems;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Reference model files: DL4J's {@link ModelSerializer} zip (configuration, parameters, Adam's state) plus one entry
 * of ours, {@value #RECORD_ENTRY}, recording how the network was trained. Written atomically (a temp file beside the
 * target, forced to disk, then renamed over it), so a crash leaves the previous file whole.
 */
public final class ReferenceFiles {
    /** The file {@code reference train} writes into its output folder. */
    public static final String FILE_NAME = "dl4j-vae.zip";
    static final String RECORD_ENTRY = "concrete-explorer-reference.json";
    static final String FORMAT = "concrete-explorer-dl4j-reference";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create(); // NaN: no validation

    private ReferenceFiles() {
    }

    /** How a saved network was trained (the data protocol is the project's: MNIST 50,000 / 10,000 / 10,000). */
    public record Record(String format, int version, int epochs, long steps, int batchSize, double learningRate, long seed,
            int trainImages, String binarization, int latents, int hidden, double validationNll, int validationImages,
            int validationSamples) {
    }

    /** A loaded network and its record ({@code null} for a DL4J file not written by {@code reference train}). */
    public record Loaded(MultiLayerNetwork network, Record record) {
        /** See {@link GaussianVaeNetwork#describe}. */
        public String describe() {
            return GaussianVaeNetwork.describe(network);
        }

        /** A scorer of this network. */
        public GaussianVaeScorer scorer() {
            return new GaussianVaeScorer(network);
        }
    }

    /** Writes {@code net} (with its updater state) and {@code record} to {@code file}, atomically. */
    public static void save(Path file, MultiLayerNetwork net, Record record) {
        try {
            AtomicFiles.write(file, out -> {
                ByteArrayOutputStream model = new ByteArrayOutputStream(1 << 22);
                ModelSerializer.writeModel(net, model, true);
                ZipOutputStream zip = new ZipOutputStream(out);
                copyEntries(model.toByteArray(), zip);
                zip.putNextEntry(new ZipEntry(RECORD_ENTRY));
                zip.write(GSON.toJson(record).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.finish();
            });
        } catch (IOException e) {
            throw new ReferenceFileException("could not write " + file + " (" + IoProblems.reason(e)
                    + "); check free space and permissions. The previous file, if any, is untouched.", e);
        } catch (RuntimeException e) {
            throw new ReferenceFileException("could not write " + file + " (" + e.getMessage()
                    + "). The previous file, if any, is untouched.", e);
        }
    }

    /** Reads a reference network; a {@link ReferenceFileException} says why a file is not one. */
    public static Loaded load(Path file) {
        if (Files.isDirectory(file)) {
            throw new ReferenceFileException(file + " is a folder; give the model file in it (" + file.resolve(FILE_NAME) + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new ReferenceFileException(file + " does not exist");
        }
        Record record = null;
        Map<String, byte[]> entries;
        try {
            entries = ReferenceZip.read(file); // checked and capped: DL4J reads these bytes only
            byte[] json = entries.get(RECORD_ENTRY);
            if (json != null) {
                record = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Record.class);
                if (record == null || !FORMAT.equals(record.format())) {
                    throw new ReferenceFileException(file + " has a damaged training record (" + RECORD_ENTRY + ")");
                }
            }
        } catch (NoSuchFileException e) {
            throw new ReferenceFileException(file + " does not exist", e);
        } catch (IOException | JsonParseException e) {
            throw new ReferenceFileException(file + " is not a DeepLearning4J model file (" + e.getMessage()
                    + "); give the " + FILE_NAME + " that `reference train` wrote", e);
        }
        if (!entries.containsKey(ReferenceZip.CONFIGURATION)) {
            throw new ReferenceFileException(file + " is not a DeepLearning4J model file (no " + ReferenceZip.CONFIGURATION
                    + "); give the " + FILE_NAME + " that `reference train` wrote");
        }
        MultiLayerNetwork net;
        try (InputStream in = ReferenceZip.rebuilt(entries)) {
            net = ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (IOException | RuntimeException e) {
            throw new ReferenceFileException(file + " is not a DeepLearning4J MultiLayerNetwork (" + firstLine(e)
                    + "); give the " + FILE_NAME + " that `reference train` wrote", e);
        }
        try {
            GaussianVaeNetwork.vaeLayer(net);
        } catch (IllegalArgumentException e) {
            throw new ReferenceFileException(file + " is a DeepLearning4J network but not a reference VAE: " + e.getMessage(), e);
        }
        if (!Double.isFinite(net.params().sumNumber().doubleValue())) { // hypothetical for our own saves (a non-finite score stops training first)
            throw new ReferenceFileException(file + " holds NaN or infinite parameters; the model is unusable");
        }
        return new Loaded(net, record);
    }

    private static void copyEntries(byte[] zipBytes, ZipOutputStream to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                to.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(to);
                to.closeEntry();
            }
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
