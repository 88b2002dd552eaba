package org.sealedbox.plugins.learners;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/** Learner {@code frozen}: the weights never change, whatever the judge accepts. The control of every experiment. */
public final class Frozen implements Learner {
    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        // nothing is learnt and nothing is trained on
    }

    @Override
    public boolean agentLocal() {
        return true;
    }

    public static final class Factory implements LearnerFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, "frozen",
                "never changes the weights (a control)", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Learner create(ParamValues params) {
            return new Frozen();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("frozen").toInstance(new Factory());
        }
    }
}
