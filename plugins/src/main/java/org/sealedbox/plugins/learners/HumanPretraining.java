package org.sealedbox.plugins.learners;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Pretraining {@code humans}: minibatch SGD on {@code samples} situations drawn from the human fields,
 * labelled with the truth plus human noise, for {@code epochs} passes. Runs once; the population starts
 * as copies of the result.
 */
public final class HumanPretraining implements Pretrainer {
    private final int samples, epochs, batch;
    private final double lr;

    HumanPretraining(ParamValues p) {
        samples = (int) p.integer("samples");
        epochs = (int) p.integer("epochs");
        batch = (int) p.integer("batch");
        lr = p.real("lr");
    }

    @Override
    public World.Batch humanData(World world, Random rng) {
        return world.humanData(samples, rng);
    }

    /** Minibatch SGD, {@code epochs} passes over the data in order. */
    @Override
    public void fit(Model model, World.Batch data, INDArray human, World world, Random rng, TrainingRecord record) {
        long m = data.x().size(0), d = world.dims(), k = world.outputs();
        record.trained(data.x().reshape(1, m, d), Nd4j.ones(1, m), human.reshape(1, m), lr * epochs);
        for (int e = 0; e < epochs; e++) {
            for (long start = 0; start < m; start += batch) {
                long from = start, end = Math.min(m, start + batch);
                Scratch.run("pretrain", () -> {
                    INDArray xb = data.x().get(NDArrayIndex.interval(from, end), NDArrayIndex.all()).reshape(1, end - from, d);
                    INDArray yb = data.y().get(NDArrayIndex.interval(from, end), NDArrayIndex.all()).reshape(1, end - from, k);
                    model.step(xb, yb, Nd4j.ones(1, end - from), lr);
                });
            }
        }
    }

    public static final class Factory implements PretrainFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.PRETRAIN, "humans",
                "SGD on human data: situations from the human fields with noisy true labels",
                List.of(
                        ParamSpec.integer("samples", 20000, 1, 100_000_000, "human examples"),
                        ParamSpec.integer("epochs", 5, 0, 10_000, "passes over them"),
                        ParamSpec.integer("batch", 32, 1, 1_000_000, "examples per gradient step"),
                        ParamSpec.real("lr", 0.02, 0.0, 10.0, "learning rate")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Pretrainer create(ParamValues params) {
            return new HumanPretraining(params);
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            Stability.check(scenario, self, self.params().real("lr"), lookup, d);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.pretraining(binder()).addBinding("humans").toInstance(new Factory());
        }
    }
}
