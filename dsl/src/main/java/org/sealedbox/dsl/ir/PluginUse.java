package org.sealedbox.dsl.ir;

import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.source.Span;

/** A resolved plugin: its kind and name (known to exist) and its complete, typed parameters. */
public record PluginUse(PluginKind kind, String name, ParamValues params, Span span) {
    /** {@code name(p=v, …)}: how the plugin appears in resolved parameters and run records. */
    public String describe() {
        return name + params.values();
    }
}
