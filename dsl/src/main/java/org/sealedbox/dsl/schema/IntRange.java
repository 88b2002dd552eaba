package org.sealedbox.dsl.schema;

/** An inclusive range of integers, {@code lo..hi}. */
public record IntRange(long lo, long hi) {
    public boolean contains(long v) {
        return v >= lo && v <= hi;
    }

    public long size() {
        return hi - lo + 1;
    }

    @Override
    public String toString() {
        return lo + ".." + hi;
    }
}
