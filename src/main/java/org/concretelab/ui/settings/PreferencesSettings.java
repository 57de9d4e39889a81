package org.concretelab.ui.settings;

import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * Settings in java.util.prefs. A store that cannot be read or written (e.g. a read-only home) must not stop
 * the app: failures are swallowed and reads fall back to the defaults.
 */
final class PreferencesSettings implements AppSettings {
    private final Preferences node;

    PreferencesSettings(Preferences node) {
        this.node = node;
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.ofNullable(node.get(key, null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value) {
        try {
            if (value.length() <= Preferences.MAX_VALUE_LENGTH) {
                node.put(key, value);
            }
        } catch (RuntimeException e) {
            // remembering is a convenience: go on without it
        }
    }

    @Override
    public void remove(String key) {
        try {
            node.remove(key);
        } catch (RuntimeException e) {
            // as above
        }
    }
}
