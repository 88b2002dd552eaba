package org.sealedbox.scenarios.testplugins;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/** A test-only learner that multiplies the weights by a factor every tick: it diverges on purpose. */
public final class Explode implements Learner {
    private final double factor;

    Explode(double factor) {
        this.factor = factor;
    }

    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        for (INDArray p : model.params()) p.muli(factor);
    }

    public static final class Factory implements LearnerFactory {
        @Override
        public PluginSchema schema() {
            return new PluginSchema(PluginKind.LEARNER, "explode", "test only: multiplies the weights every tick",
                    List.of(ParamSpec.real("factor", 1e10, 0, 1e300, "what the weights are multiplied by each tick")));
        }

        @Override
        public Learner create(ParamValues params) {
            return new Explode(params.real("factor"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("explode").toInstance(new Factory());
        }
    }
}
