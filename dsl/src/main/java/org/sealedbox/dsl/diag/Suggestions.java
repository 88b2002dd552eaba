package org.sealedbox.dsl.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Nearest valid names by edit distance, for "did you mean" hints. */
public final class Suggestions {
    private Suggestions() {}

    /** The closest candidate, if it is close enough to be a plausible misspelling. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(word, c) <= Math.max(2, Math.min(word.length(), c.length()) / 3))
                .min(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c));
    }

    /** "did you mean `x`? (kinds: a, b, c)", or just the list when nothing is close. */
    public static String hint(String word, Collection<String> candidates, String what) {
        List<String> sorted = candidates.stream().sorted().toList();
        String list = sorted.isEmpty() ? "none are available" : what + ": " + String.join(", ", sorted);
        return nearest(word, candidates)
                .map(n -> "did you mean `" + n + "`? (" + list + ")")
                .orElse(list);
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters costs 1. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
