package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.ParamValues;

public interface EfficacyFactory extends PluginFactory {
    Efficacy create(ParamValues params);
}
