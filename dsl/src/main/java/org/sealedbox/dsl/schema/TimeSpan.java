package org.sealedbox.dsl.schema;

/** An amount of box time, in hours (a tick-denominated amount is resolved against the box's tick). */
public record TimeSpan(double hours) {
    @Override
    public String toString() {
        return hours + " hours";
    }
}
