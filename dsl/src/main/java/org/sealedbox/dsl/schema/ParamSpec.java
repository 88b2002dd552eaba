package org.sealedbox.dsl.schema;

/**
 * One parameter a plugin declares.
 *
 * @param defaultValue the resolved value used when the scenario omits it ({@link Long}, {@link Double},
 *                     {@link Choice}, {@link IntRange}, {@link TimeSpan} or {@link String}); null means required
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, String doc) {

    public static ParamSpec integer(String name, long def, long min, long max, String doc) {
        return new ParamSpec(name, new ParamType.IntType(min, max), def, doc);
    }

    public static ParamSpec real(String name, double def, double min, double max, String doc) {
        return new ParamSpec(name, new ParamType.RealType(min, max), def, doc);
    }

    public static ParamSpec choice(String name, String def, ParamType.ChoiceType type, String doc) {
        return new ParamSpec(name, type, new Choice(def), doc);
    }

    public static ParamSpec range(String name, IntRange def, String doc) {
        return new ParamSpec(name, new ParamType.RangeType(), def, doc);
    }

    public boolean required() {
        return defaultValue == null;
    }

    public String describeDefault() {
        if (defaultValue == null) return "required";
        return defaultValue.toString();
    }
}
