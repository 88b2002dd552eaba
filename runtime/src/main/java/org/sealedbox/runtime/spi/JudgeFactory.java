package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.ParamValues;

public interface JudgeFactory extends PluginFactory {
    Judge create(ParamValues params);
}
