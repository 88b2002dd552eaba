package org.sealedbox.plugins.evolution;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/** Pretraining {@code none}: agents start as the model made them (random genomes, random weights); nothing is learnt first. */
public final class NoPretraining implements Pretrainer {
    @Override
    public World.Batch humanData(World world, Random rng) {
        return world.humanData(1, rng);
    }

    @Override
    public boolean clones() {
        return false;
    }

    @Override
    public void fit(Model model, World.Batch data, INDArray human, World world, Random rng, TrainingRecord record) {
        // nothing is learnt, and nothing counts as training
    }

    public static final class Factory implements PretrainFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.PRETRAIN, "none",
                "no pretraining: agents start as their model makes them", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Pretrainer create(ParamValues params) {
            return new NoPretraining();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.pretraining(binder()).addBinding("none").toInstance(new Factory());
        }
    }

}
