package org.concretelab.ui.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.concretelab.ui.settings.AppSettings;
import org.concretelab.ui.settings.RecentFiles;

/**
 * What the Training tab remembers between launches, in the user's preferences: the form's values, the folders the
 * checkpoint and export choosers last opened, and the recent checkpoints.
 */
final class TrainingMemory {
    static final String CHECKPOINT_FOLDER_KEY = "training.folder.checkpoints";
    static final String EXPORT_FOLDER_KEY = "training.folder.export";
    static final String RECENT_KEY = "training.recent";

    private final AppSettings settings;
    private final RecentFiles recent;
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();

    TrainingMemory(AppSettings settings) {
        this.settings = settings;
        this.recent = new RecentFiles(settings, RECENT_KEY, TrainingViewModel.RECENT_MAX);
    }

    /** Puts the stored values back into {@code form} (those it cannot use give way to its defaults). */
    void restoreForm(TrainingFormViewModel form) {
        Map<String, String> stored = new LinkedHashMap<>();
        for (String key : form.values().keySet()) {
            settings.get(TrainingViewModel.FORM_KEY + key).ifPresent(v -> stored.put(key, v));
        }
        form.restore(stored);
    }

    void rememberForm(TrainingFormViewModel form) {
        form.values().forEach((k, v) -> settings.put(TrainingViewModel.FORM_KEY + k, v));
    }

    /** Where a checkpoint chooser opens: the last folder used, else runs/ if there is one. */
    Optional<Path> checkpointFolder() {
        return settings.getFolder(CHECKPOINT_FOLDER_KEY).or(() -> Optional.of(TrainingViewModel.RUNS).filter(Files::isDirectory));
    }

    /** Where an export chooser opens: the last export folder, if it still exists. */
    Optional<Path> exportFolder() {
        return settings.getFolder(EXPORT_FOLDER_KEY);
    }

    void rememberCheckpointFolder(Path file) {
        rememberFolder(CHECKPOINT_FOLDER_KEY, file);
    }

    void rememberExportFolder(Path file) {
        rememberFolder(EXPORT_FOLDER_KEY, file);
    }

    private void rememberFolder(String key, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            settings.put(key, dir.toString());
        }
    }

    /** The recent checkpoints that still exist, most recent first. */
    ObservableList<Path> recentCheckpoints() {
        return recentFiles;
    }

    /** Drops files that have gone since the list was shown. */
    void refreshRecent() {
        List<Path> now = recent.list();
        if (!now.equals(recentFiles)) {
            recentFiles.setAll(now);
        }
        settings.putList(RECENT_KEY, now.stream().map(Path::toString).toList());
    }

    void addRecent(Path file) {
        recent.add(file);
        refreshRecent();
    }
}
