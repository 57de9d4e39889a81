package org.concretelab.ui.settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the app remembers between launches, as text under string keys. The app uses the user's preferences
 * ({@link #userPreferences()}); tests use {@link #inMemory()}, so they never touch those. The typed getters
 * fall back to the given default, silently, whenever a stored value is missing or unusable.
 */
public interface AppSettings {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);

    /** The current user's preferences for this app (java.util.prefs). */
    static AppSettings userPreferences() {
        return new PreferencesSettings(java.util.prefs.Preferences.userNodeForPackage(AppSettings.class));
    }

    /** A fresh store that lives as long as the object (tests, or when the preferences cannot be used). */
    static AppSettings inMemory() {
        return new InMemorySettings();
    }

    default int getInt(String key, int fallback) {
        try {
            return get(key).map(String::trim).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A finite number, or the fallback. */
    default double getDouble(String key, double fallback) {
        try {
            double v = get(key).map(String::trim).map(Double::parseDouble).orElse(fallback);
            return Double.isFinite(v) ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    default boolean getBoolean(String key, boolean fallback) {
        return get(key).map(v -> v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null)
                .orElse(fallback);
    }

    default void putNumber(String key, double value) {
        put(key, Double.toString(value));
    }

    /** A folder that still exists, or empty (a deleted or unreadable folder is forgotten). */
    default Optional<Path> getFolder(String key) {
        try {
            Optional<Path> p = get(key).filter(s -> !s.isBlank()).map(Path::of);
            return p.filter(Files::isDirectory);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** A list stored one entry per line. */
    default List<String> getList(String key) {
        List<String> out = new ArrayList<>();
        get(key).ifPresent(v -> v.lines().filter(s -> !s.isBlank()).forEach(out::add));
        return out;
    }

    default void putList(String key, List<String> values) {
        put(key, String.join("\n", values));
    }
}
