package org.sealedbox.dsl.schema;

/** A resolved choice value: {@code chain}, or {@code tree(2)} with its argument ({@link Long} or {@link Double}). */
public record Choice(String name, Object argument) {
    public double argumentAsDouble() {
        return ((Number) argument).doubleValue();
    }

    @Override
    public String toString() {
        return argument == null ? name : name + "(" + argument + ")";
    }
}
