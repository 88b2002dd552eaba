package org.sealedbox.dsl.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plugin's parameters after validation: every declared parameter present, defaults filled in, types checked. */
public record ParamValues(Map<String, Object> values) {
    public ParamValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ParamValues defaults(PluginSchema schema) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ParamSpec p : schema.params()) m.put(p.name(), p.defaultValue());
        return new ParamValues(m);
    }

    private Object get(String name) {
        if (!values.containsKey(name)) throw new IllegalArgumentException("no parameter `" + name + "` (have " + values.keySet() + ")");
        return values.get(name);
    }

    public long integer(String name) {
        return ((Number) get(name)).longValue();
    }

    public double real(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public Choice choice(String name) {
        return (Choice) get(name);
    }

    public IntRange range(String name) {
        return (IntRange) get(name);
    }

    public TimeSpan time(String name) {
        return (TimeSpan) get(name);
    }

    public String string(String name) {
        return (String) get(name);
    }

    /** The name of an objective the scenario declares. */
    public String objective(String name) {
        return (String) get(name);
    }

    /** A plugin of another kind given as a parameter ({@code efficacy similarity(gamma 2)}). */
    public org.sealedbox.dsl.ir.PluginUse plugin(String name) {
        return (org.sealedbox.dsl.ir.PluginUse) get(name);
    }

    public ParamValues with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new ParamValues(m);
    }
}
