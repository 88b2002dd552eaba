package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.PluginKind;

/** Lets one plugin's cross-checks consult another plugin's factory. */
public interface PluginLookup {
    PluginFactory factory(PluginKind kind, String name);
}
