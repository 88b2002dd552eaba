package org.sealedbox.dsl.schema;

import java.util.List;

/**
 * A resolved choice value: {@code chain}, {@code tree(2)} or {@code student_t(3, 0.5)} with its arguments
 * ({@link Long} or {@link Double}) in declared order.
 */
public record Choice(String name, List<Object> arguments) {
    public Choice {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    public Choice(String name) {
        this(name, List.of());
    }

    /** A choice with one argument ({@code tree(2)}). */
    public Choice(String name, Object argument) {
        this(name, argument == null ? List.of() : List.of(argument));
    }

    /** The first argument, or null when there is none. */
    public Object argument() {
        return arguments.isEmpty() ? null : arguments.get(0);
    }

    public double argumentAsDouble() {
        return argument(0);
    }

    public double argument(int i) {
        return ((Number) arguments.get(i)).doubleValue();
    }

    @Override
    public String toString() {
        if (arguments.isEmpty()) return name;
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.size(); i++) b.append(i > 0 ? ", " : "").append(arguments.get(i));
        return b.append(')').toString();
    }
}
