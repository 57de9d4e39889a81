package org.concretelab.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.concretelab.model.LatentKind;

/**
 * How the faces (the command line and the app) name and offer a latent kind: one entry per registered
 * {@link LatentKind} (its descriptor says it all; this is the faces' view of it, in the registry's order). The
 * defaults that follow a kind are {@link ModelDefaults}'.
 *
 * @param kind          the model's kind
 * @param name          the command line's {@code --latent} value
 * @param label         the app's choice label
 * @param noun          in a sentence, before "latents": "binary", "categorical", "corner"
 * @param classesApply  whether K (classes per unit) is a setting of this kind
 */
public record LatentChoice(LatentKind kind, String name, String label, String noun, boolean classesApply) {
    /** Every kind's entry, in the order the faces offer them. */
    public static final List<LatentChoice> ALL = Arrays.stream(LatentKind.values())
            .map(k -> new LatentChoice(k, k.cliName(), k.label(), k.noun(), k.classesApply())).toList();

    /** The entry of {@code kind}. */
    public static LatentChoice of(LatentKind kind) {
        return ALL.stream().filter(c -> c.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no LatentChoice registered for " + kind));
    }

    /** The entry named {@code name} (any case); an unknown name is an error listing the known ones. */
    public static LatentChoice named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--latent must be " + names() + ", was '" + name + "'"));
    }

    /** "binary, categorical or corners". */
    public static String names() {
        return either(ALL.stream().map(LatentChoice::name).toList());
    }

    /** The kinds K applies to, "categorical or corners", for a message. */
    public static String namesWithClasses() {
        return either(ALL.stream().filter(LatentChoice::classesApply).map(LatentChoice::name).toList());
    }

    private static String either(List<String> n) {
        return n.size() == 1 ? n.get(0) : String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }
}
