package org.concretelab.ui.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.concretelab.ui.settings.AppSettings;
import org.junit.jupiter.api.Test;

/** The tour's state without a stage: the story's order, its bounds, and what is remembered. */
class TourViewModelTest {
    private final AppSettings settings = AppSettings.inMemory();
    private final TourViewModel vm = new TourViewModel(settings);

    @Test
    void theStoryGoesFromTheDistributionToTheEstimatorsInFiveSteps() {
        assertEquals(List.of("concrete-tab", "latents-tab", "complete-tab", "training-tab", "gradients-tab"),
                vm.steps().stream().map(TourStep::tabId).toList());
        assertEquals(List.of("lambda-slider"), vm.steps().get(0).targets());
        assertEquals(List.of("flip-gallery"), vm.steps().get(1).targets());
        assertEquals(List.of("demo-run-button", "start-button"), vm.steps().get(3).targets());
        assertEquals(List.of("gradients-run"), vm.steps().get(4).targets());
        for (TourStep s : vm.steps()) {
            assertTrue(s.sentence().contains("→ you should see"), "one 'try this → you should see' sentence: " + s.sentence());
        }
    }

    @Test
    void nextAndBackStayWithinTheStepsAndDoneOnTheLastStepIsRemembered() {
        assertFalse(vm.showingProperty().get(), "nothing shows before it is offered or started");
        vm.start();
        assertEquals(0, vm.indexProperty().get());
        assertFalse(vm.canGoBackProperty().get());
        vm.back(); // at the first step: stays
        assertEquals(0, vm.indexProperty().get());
        assertEquals("Tour · step 1 of 5", vm.progressProperty().get());
        for (int i = 1; i < 5; i++) {
            vm.next();
            assertEquals(i, vm.indexProperty().get());
            assertEquals(vm.steps().get(i), vm.stepProperty().get());
        }
        assertTrue(vm.lastProperty().get());
        assertTrue(vm.canGoBackProperty().get());
        vm.back();
        assertEquals(3, vm.indexProperty().get());
        vm.next();
        vm.next(); // Done
        assertFalse(vm.showingProperty().get());
        assertEquals(4, vm.indexProperty().get(), "Done leaves the index in bounds");
        assertFalse(new TourViewModel(settings).offerOnLaunch(), "a finished tour does not open at the next launch");
    }

    @Test
    void itOffersItselfUntilDismissedAndCloseIsForNowOnly() {
        assertTrue(vm.offerOnLaunch(), "fresh settings: the tour opens");
        vm.next();
        vm.close();
        assertFalse(vm.showingProperty().get());
        assertTrue(new TourViewModel(settings).offerOnLaunch(), "closed, not dismissed: it opens at the next launch");
        vm.start();
        assertEquals(0, vm.indexProperty().get(), "start begins at the first step");
        vm.dismiss();
        assertFalse(vm.showingProperty().get());
        assertEquals("true", settings.get(TourViewModel.DISMISSED_KEY).orElseThrow());
        TourViewModel next = new TourViewModel(settings);
        assertFalse(next.offerOnLaunch(), "dismissed: no tour at the next launch");
        next.start();
        assertTrue(next.showingProperty().get(), "Help → Tour starts it whatever was remembered");
        next.next(); // not hidden steps only: moves while it shows
        assertEquals(1, next.indexProperty().get());
    }

    @Test
    void aTourNeedsStepsThatPointSomewhere() {
        assertThrows(IllegalArgumentException.class, () -> new TourViewModel(settings, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TourStep("concrete-tab", List.of(), List.of(), "t", "s"));
        assertThrows(IllegalArgumentException.class, () -> new TourStep(" ", List.of("x"), List.of(), "t", "s"));
        TourViewModel hidden = new TourViewModel(settings);
        hidden.next(); // not showing: nothing moves
        assertEquals(0, hidden.indexProperty().get());
    }
}
