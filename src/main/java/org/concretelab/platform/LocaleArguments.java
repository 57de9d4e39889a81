package org.concretelab.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Arguments under a locale whose encoding cannot hold them (e.g. {@code LANG=C}, ASCII): Java 17 decodes the command
 * line and file names with that encoding ({@code sun.jnu.encoding}, which {@code -D} cannot change), so a path such as
 * {@code runs/modèle} arrives as {@code runs/mod??le} and "does not exist". On Linux the launcher recovers the real
 * arguments from {@code /proc/self/cmdline} (they are UTF-8 bytes) and relaunches under {@code LC_ALL=C.UTF-8},
 * handing them over hex-encoded (ASCII survives any locale); where that is impossible the command refuses to run,
 * saying why, rather than work on a wrong path.
 */
public final class LocaleArguments {
    /** {@code <launcher pid>:<hex of the UTF-8 arguments, each ended by NUL>}: read only by that launcher's child. */
    static final String ARGS_ENV = "CONCRETE_EXPLORER_ARGS";
    static final String UTF8_LOCALE = "C.UTF-8";

    private LocaleArguments() {
    }

    /** The encoding this JVM gives file names and arguments. */
    static Charset fileNameEncoding() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }

    /** The first argument this JVM could not decode, or cannot encode as a file name, if any. */
    public static Optional<String> unrepresentable(String[] args) {
        Charset cs = fileNameEncoding();
        for (String a : args) {
            if (a.indexOf('\uFFFD') >= 0 || !cs.newEncoder().canEncode(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The message for {@link #unrepresentable}: what is wrong and what to do. */
    public static String problem(String arg) {
        String lang = System.getenv().getOrDefault("LC_ALL", System.getenv().getOrDefault("LANG", "unset"));
        if (fileNameEncoding().equals(StandardCharsets.UTF_8)) { // the bytes typed were no UTF-8 (e.g. a Latin-1 name)
            return "error: the argument '" + arg + "' is not valid UTF-8 text, so Java cannot use it as a file name;"
                    + " rename the file, or give its name in UTF-8";
        }
        return "error: the argument '" + arg + "' has characters this locale (LANG/LC_ALL=" + lang + ", encoding "
                + fileNameEncoding().name() + ") cannot encode, so Java cannot use it as a file name; run with a UTF-8"
                + " locale, e.g. LC_ALL=C.UTF-8 java -jar ...";
    }

    /**
     * The variables that make a relaunched JVM see {@code args} as typed: a UTF-8 locale and the arguments read back
     * from {@code /proc/self/cmdline}. Empty when the arguments are fine, or cannot be recovered.
     */
    static Map<String, String> relaunchEnvironment(String[] args) {
        if (unrepresentable(args).isEmpty()) {
            return Map.of();
        }
        return recover(Path.of("/proc/self/cmdline"), args.length).map(real -> Map.of("LC_ALL", UTF8_LOCALE, ARGS_ENV,
                ProcessHandle.current().pid() + ":" + encode(real))).orElse(Map.of());
    }

    /** The last {@code count} NUL-separated entries of {@code cmdline}, if they are valid UTF-8. */
    static Optional<List<String>> recover(Path cmdline, int count) {
        try {
            byte[] raw = Files.readAllBytes(cmdline);
            List<byte[]> parts = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    parts.add(java.util.Arrays.copyOfRange(raw, from, i));
                    from = i + 1;
                }
            }
            if (parts.size() < count) {
                return Optional.empty();
            }
            List<String> args = new ArrayList<>();
            for (byte[] p : parts.subList(parts.size() - count, parts.size())) {
                args.add(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(p)).toString());
            }
            return Optional.of(args);
        } catch (IOException | RuntimeException notLinuxOrNotUtf8) { // CharacterCodingException: not UTF-8
            return Optional.empty();
        }
    }

    static String encode(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            b.append(HexFormat.of().formatHex(a.getBytes(StandardCharsets.UTF_8))).append('.');
        }
        return b.toString();
    }

    /**
     * In a relaunched JVM, the arguments its launcher recovered (see {@link #relaunchEnvironment}); else {@code args}.
     * Only a direct child of the launcher that set them reads them: a training a sweep starts inherits the variable
     * and must keep its own arguments.
     */
    public static String[] restore(String[] args) {
        String value = System.getenv(ARGS_ENV);
        if (value == null || value.indexOf(':') < 0) {
            return args;
        }
        String launcher = value.substring(0, value.indexOf(':'));
        boolean mine = ProcessHandle.current().parent().map(p -> Long.toString(p.pid()).equals(launcher)).orElse(false);
        if (!mine) {
            return args;
        }
        String[] parts = value.substring(value.indexOf(':') + 1).split("\\.", -1); // each argument ends with '.'
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            out.add(new String(HexFormat.of().parseHex(parts[i]), StandardCharsets.UTF_8));
        }
        return out.size() == args.length ? out.toArray(String[]::new) : args;
    }
}
