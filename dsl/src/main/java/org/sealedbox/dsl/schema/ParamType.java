package org.sealedbox.dsl.schema;

import java.util.List;
import java.util.stream.Collectors;

/** The type of a plugin parameter, as the validator checks it and {@code sealedbox plugins} prints it. */
public sealed interface ParamType {
    String describe();

    record IntType(long min, long max) implements ParamType {
        public String describe() {
            return "integer in " + min + ".." + (max == Long.MAX_VALUE ? "∞" : max);
        }
    }

    record RealType(double min, double max) implements ParamType {
        public String describe() {
            return "number in [" + fmt(min) + ", " + (max == Double.POSITIVE_INFINITY ? "∞)" : fmt(max) + "]");
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }

    /** One of several words, some taking one argument: {@code chain | tree(k) | random(p)}. */
    record ChoiceType(List<Option> options) implements ParamType {
        public String describe() {
            return options.stream().map(Option::describe).collect(Collectors.joining(" | "));
        }

        public List<String> names() {
            return options.stream().map(Option::name).toList();
        }

        public java.util.Optional<Option> option(String name) {
            return options.stream().filter(o -> o.name().equals(name)).findFirst();
        }
    }

    /**
     * A choice's word and the types of its arguments, by position (none, one as in {@code tree(k)}, or several as in
     * {@code student_t(df, s)}).
     */
    record Option(String name, List<ParamType> arguments, List<String> argumentNames) {
        public Option {
            arguments = List.copyOf(arguments);
            argumentNames = List.copyOf(argumentNames);
        }

        public static Option plain(String name) {
            return new Option(name, List.of(), List.of());
        }

        public static Option with(String name, String argumentName, ParamType argument) {
            return new Option(name, List.of(argument), List.of(argumentName));
        }

        public static Option with(String name, String a, ParamType ta, String b, ParamType tb) {
            return new Option(name, List.of(ta, tb), List.of(a, b));
        }

        public String describe() {
            return arguments.isEmpty() ? name : name + "(" + String.join(", ", argumentNames) + ")";
        }
    }

    /** The name of an {@code objective} the scenario declares. */
    record ObjectiveRef() implements ParamType {
        public String describe() {
            return "objective name";
        }
    }

    /**
     * A plugin of another kind, with its own arguments: {@code efficacy similarity(gamma 2)}. The resolved value is a
     * {@code org.sealedbox.dsl.ir.PluginUse}.
     */
    record PluginRefType(PluginKind kind) implements ParamType {
        public String describe() {
            return kind.keyword() + " plugin (" + kind.plural() + ")";
        }
    }

    /** An inclusive range of integers written {@code lo..hi}, or a single integer. */
    record RangeType() implements ParamType {
        public String describe() {
            return "range lo..hi";
        }
    }

    /** An amount of box time: {@code 1 hour}, {@code 10 years}. */
    record DurationType() implements ParamType {
        public String describe() {
            return "duration (e.g. 1 year)";
        }
    }

    /** One of several types, chosen by the form of the value: {@code human | new | all | lo..hi}. */
    record UnionType(List<ParamType> alternatives) implements ParamType {
        public String describe() {
            return alternatives.stream().map(ParamType::describe).collect(Collectors.joining(" | "));
        }
    }

    record StringType() implements ParamType {
        public String describe() {
            return "\"string\"";
        }
    }
}
