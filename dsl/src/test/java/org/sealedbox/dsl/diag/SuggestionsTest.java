package org.sealedbox.dsl.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({
            "'', '', 0",
            "'', abc, 3",
            "abc, '', 3",
            "abc, abc, 0",
            "kitten, sitting, 3",
            "years, yeers, 1",       // substitution
            "year, years, 1",        // insertion
            "years, year, 1",        // deletion
            "wieghts, weights, 1",   // adjacent swap costs 1 (Damerau)
            "ab, ba, 1",
            "duraton, duration, 1",
            "self_confidance, self_confidence, 1",
            "abc, xyz, 3",
            "ca, abc, 3",            // optimal string alignment: no edit of a swapped pair
    })
    void distance(String a, String b, int expected) {
        assertEquals(expected, Suggestions.distance(a, b));
        assertEquals(expected, Suggestions.distance(b, a), "distance is symmetric");
    }

    @Test
    void nearestPicksTheClosest() {
        assertEquals(Optional.of("weights"), Suggestions.nearest("wieghts", Set.of("weights")));
        assertEquals(Optional.of("self_confidence"), Suggestions.nearest("self_confidance", List.of("accept_all", "self_confidence")));
        assertEquals(Optional.of("years"), Suggestions.nearest("yeers", List.of("year", "years", "month", "months")));
        assertEquals(Optional.of("year"), Suggestions.nearest("yeer", List.of("years", "year")));
    }

    @Test
    void nearestBreaksTiesAlphabetically() {
        // "bat" is one edit from both; the alphabetically first wins, whatever the order given
        assertEquals(Optional.of("bad"), Suggestions.nearest("bat", List.of("cat", "bad")));
        assertEquals(Optional.of("bad"), Suggestions.nearest("bat", List.of("bad", "cat")));
    }

    @Test
    void nearestRejectsWordsTooFarAway() {
        assertEquals(Optional.empty(), Suggestions.nearest("colour", List.of("half", "mastered", "noise")));
        assertEquals(Optional.empty(), Suggestions.nearest("oracle", List.of("seems_right")));
        assertEquals(Optional.empty(), Suggestions.nearest("x", List.of()));
    }

    @Test
    void nearestAllowsTwoEditsEvenForShortWords() {
        assertEquals(Optional.of("lr"), Suggestions.nearest("l", List.of("lr")));
        assertEquals(Optional.of("lr"), Suggestions.nearest("xy", List.of("lr")), "2 edits is always close enough");
        assertEquals(Optional.empty(), Suggestions.nearest("xyz", List.of("lr")));
    }

    @Test
    void nearestAllowsAThirdOfTheLengthForLongWords() {
        // 12 letters: up to 4 edits
        assertTrue(Suggestions.nearest("pretrainingX", List.of("pretraining_share")).isEmpty(), "6 edits is too many");
        assertEquals(Optional.of("believed_frontier"), Suggestions.nearest("belived_frontir", List.of("believed_frontier", "frontier")));
    }

    @Test
    void hintWithASuggestionListsTheCandidatesSorted() {
        assertEquals("did you mean `self_confidence`? (judges: accept_all, self_confidence)",
                Suggestions.hint("self_confidance", List.of("self_confidence", "accept_all"), "judges"));
    }

    @Test
    void hintWithoutASuggestionIsJustTheList() {
        assertEquals("parameters: half, mastered, noise", Suggestions.hint("colour", List.of("noise", "half", "mastered"), "parameters"));
    }

    @Test
    void hintWithNoCandidatesSaysSo() {
        String hint = Suggestions.hint("llm", List.of(), "populations");
        assertEquals("none are available", hint);
        assertFalse(hint.contains("did you mean"));
    }
}
