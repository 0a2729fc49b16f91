package org.outboxlab.it;

/** Counts how often a line or a fragment appears in a log or a file's text. */
final class Occurrences {

    private Occurrences() {}

    /** How many times {@code needle} occurs in {@code text}, overlaps included. */
    static int in(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
