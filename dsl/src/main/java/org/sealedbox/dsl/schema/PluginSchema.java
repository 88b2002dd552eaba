package org.sealedbox.dsl.schema;

import java.util.List;
import java.util.Optional;

/** What a plugin declares about itself: its kind, name, one-line doc and parameters, in positional order. */
public record PluginSchema(PluginKind kind, String name, String doc, List<ParamSpec> params) {
    public PluginSchema {
        params = List.copyOf(params);
    }

    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> paramNames() {
        return params.stream().map(ParamSpec::name).toList();
    }
}
