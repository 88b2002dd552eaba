package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.ParamValues;

public interface ConfidenceFactory extends PluginFactory {
    Confidence create(ParamValues params);
}
