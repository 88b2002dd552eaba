package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.ParamValues;

public interface PretrainFactory extends PluginFactory {
    Pretrainer create(ParamValues params);
}
