package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.ParamValues;

public interface LearnerFactory extends PluginFactory {
    Learner create(ParamValues params);
}
