package org.concretelab.ui.tour;

import java.util.List;

/**
 * One step of the tour, as data: the tab it opens, the controls it highlights and the pictures it keeps clear (node ids
 * within that tab's pane), a short title and the one sentence "try this → you should see …".
 *
 * @param tabId   the tab's id, e.g. {@code concrete-tab}
 * @param targets ids of the controls to highlight; the card never covers them
 * @param watch   ids of what the user should watch; the card avoids them when it can
 */
public record TourStep(String tabId, List<String> targets, List<String> watch, String title, String sentence) {
    public TourStep {
        if (tabId == null || tabId.isBlank()) {
            throw new IllegalArgumentException("a tour step needs a tab");
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("a tour step needs a control to point at");
        }
        targets = List.copyOf(targets);
        watch = watch == null ? List.of() : List.copyOf(watch);
    }
}
