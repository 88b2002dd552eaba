package org.sealedbox.dsl.schema;

import java.util.List;
import java.util.Optional;

/**
 * The plugins a scenario may name. The runtime provides one built from its Guice bindings; the DSL
 * only needs their schemas, so {@code check} never has to load a tensor library.
 */
public interface PluginCatalog {
    Optional<PluginSchema> find(PluginKind kind, String name);

    List<PluginSchema> all(PluginKind kind);

    default List<String> names(PluginKind kind) {
        return all(kind).stream().map(PluginSchema::name).sorted().toList();
    }

    /** A catalog over a fixed list, for tests and tools. */
    static PluginCatalog of(List<PluginSchema> schemas) {
        return new PluginCatalog() {
            public Optional<PluginSchema> find(PluginKind kind, String name) {
                return schemas.stream().filter(s -> s.kind() == kind && s.name().equals(name)).findFirst();
            }

            public List<PluginSchema> all(PluginKind kind) {
                return schemas.stream().filter(s -> s.kind() == kind).toList();
            }
        };
    }
}
