package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.ParamValues;

public interface MeasureFactory extends PluginFactory {
    Measure create(ParamValues params);
}
