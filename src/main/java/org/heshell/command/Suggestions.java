package org.heshell.command;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The names closest to a mistyped one, for "did you mean" lines. */
public final class Suggestions {
    private Suggestions() {
    }

    public static List<String> closest(String wrong, Collection<String> names, int max) {
        record Scored(String name, int score) {
        }
        String w = wrong.toLowerCase(Locale.ROOT);
        return names.stream()
                .map(n -> new Scored(n, score(w, n.toLowerCase(Locale.ROOT))))
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    /** The closest name when it is near enough to be what was meant (a typo or two), else none. */
    public static java.util.Optional<String> near(String wrong, Collection<String> names) {
        String w = wrong.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        return closest(wrong, names, 1).stream().filter(n -> score(w, n.toLowerCase(Locale.ROOT)) <= limit)
                .findFirst();
    }

    /** Edit distance, made smaller when one name contains the other (e.g. "host1" and "host1.lab.example"). */
    private static int score(String a, String b) {
        int d = distance(a, b);
        return b.contains(a) || a.contains(b) ? d / 2 : d;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
