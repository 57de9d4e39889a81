package org.concretelab.reference;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * A reference model file's entries, checked before DL4J sees any of them. DL4J's {@code ModelSerializer} reads every
 * entry whole and a {@code preprocessor.bin} with a plain {@code ObjectInputStream} (a crafted one names classes of
 * its choosing, or spins a core forever): only the entries {@code reference train} writes are accepted, each capped
 * while it inflates (the configuration at 1 MiB, the parameter and updater arrays at what the configuration's parameter
 * count fixes), and DL4J is handed a zip rebuilt from exactly these bytes, so it reads nothing unchecked.
 */
final class ReferenceZip {
    static final String CONFIGURATION = "configuration.json";
    private static final Set<String> ARRAYS = Set.of("coefficients.bin", "updaterState.bin");
    private static final String NO_PARAMS = "noParams.marker";
    private static final int CONFIGURATION_CAP = 1 << 20;
    private static final int SMALL_CAP = 1 << 16;
    /** Nd4j's array header (shape, type, order) on top of the values. */
    private static final long ARRAY_HEADER = 1 << 16;

    private ReferenceZip() {
    }

    /** The checked entries by name, in the file's order; a ReferenceFileException names the file and the entry refused. */
    static Map<String, byte[]> read(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long arrayCap = -1;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                long cap;
                if (name.equals(CONFIGURATION) || name.equals(NO_PARAMS) || name.equals(ReferenceFiles.RECORD_ENTRY)) {
                    cap = name.equals(CONFIGURATION) ? CONFIGURATION_CAP : SMALL_CAP;
                } else if (ARRAYS.contains(name)) {
                    if (arrayCap < 0) { // DL4J writes the configuration first: without it no size is known
                        throw refused(file, "its " + name + " comes before " + CONFIGURATION);
                    }
                    cap = arrayCap;
                } else {
                    throw refused(file, "it holds an entry '" + name + "' that `reference train` never writes"
                            + (name.equals("preprocessor.bin") || name.equals("normalizer.bin")
                            ? " (serialized Java objects, which DeepLearning4J would read unchecked); refused unread" : ""));
                }
                if (entries.containsKey(name)) {
                    throw refused(file, "it holds the entry '" + name + "' twice");
                }
                byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
                if (bytes.length > cap) {
                    throw refused(file, "its entry " + name + " inflates beyond " + cap + " bytes, more than its model needs"
                            + " (damaged, or a zip bomb)");
                }
                entries.put(name, bytes);
                if (name.equals(CONFIGURATION)) {
                    arrayCap = arrayCap(file, new String(bytes, StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    /** A zip of {@code entries} for DL4J to read. */
    static InputStream rebuilt(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION); // read back at once: no need to shrink it
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    /**
     * The most bytes an array entry of this configuration's network holds: Adam's state (two values a parameter, the
     * larger of the two entries) in doubles at most, plus Nd4j's header; refused when more than this JVM could hold.
     */
    private static long arrayCap(Path file, String json) {
        long params = 0;
        try {
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
            for (NeuralNetConfiguration layer : conf.getConfs()) {
                params = Math.addExact(params, layer.getLayer().initializer().numParams(layer));
            }
        } catch (RuntimeException e) {
            throw new ReferenceFileException(file + " is not a DeepLearning4J MultiLayerNetwork (its " + CONFIGURATION
                    + " cannot be read: " + ReferenceFiles.firstLine(e) + "); give the " + ReferenceFiles.FILE_NAME
                    + " that `reference train` wrote", e);
        }
        long cap = params > (Long.MAX_VALUE - ARRAY_HEADER) / 16 ? Long.MAX_VALUE : 16 * params + ARRAY_HEADER;
        long heap = Runtime.getRuntime().maxMemory();
        if (cap > heap / 4) {
            throw new ReferenceFileException(file + "'s network has " + params + " parameters, more than this program's memory ("
                    + (heap >> 20) + " MB) can hold");
        }
        return cap;
    }

    private static ReferenceFileException refused(Path file, String why) {
        return new ReferenceFileException(file + " is not a DeepLearning4J model file that `reference train` writes: " + why
                + "; give the " + ReferenceFiles.FILE_NAME + " that `reference train` wrote");
    }
}
