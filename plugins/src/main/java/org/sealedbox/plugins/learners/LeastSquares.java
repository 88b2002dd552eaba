package org.sealedbox.plugins.learners;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Pretraining {@code least_squares}: the exact (ridge) least-squares fit of a linear model to its data —
 * {@code samples} human examples for the first generation, the corpus for later ones. The refitting of
 * model-collapse experiments (Gerstgrasser et al. 2024, Dohmatob et al. 2024) is exactly this.
 */
public final class LeastSquares implements Pretrainer {
    private final int samples;
    private final double ridge;

    LeastSquares(ParamValues p) {
        samples = (int) p.integer("samples");
        ridge = p.real("ridge");
    }

    @Override
    public World.Batch humanData(World world, Random rng) {
        return world.humanData(samples, rng);
    }

    @Override
    public void fit(Model model, World.Batch data, INDArray human, World world, Random rng, TrainingRecord record) {
        long m = data.x().size(0), d = world.dims();
        INDArray theta = Ridge.fit(data.x(), data.y(), ridge); // [D, k]
        model.params().get(0).assign(theta.transpose().reshape(1, theta.size(1), d).castTo(model.params().get(0).dataType()));
        record.trained(data.x().reshape(1, m, d), Nd4j.ones(1, m), human.reshape(1, m), 1.0);
    }

    public static final class Factory implements PretrainFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.PRETRAIN, "least_squares",
                "linear models: the exact least-squares fit to human data (and, in later generations, the corpus)",
                List.of(ParamSpec.integer("samples", 1000, 1, 10_000_000, "human examples of the first generation"),
                        ParamSpec.real("ridge", 1e-6, 0, 1e9, "ridge added to the Gram matrix (keeps it invertible)")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Pretrainer create(ParamValues params) {
            return new LeastSquares(params);
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            for (PopulationSpec p : scenario.populations()) {
                if (p.pretrain() == self && !p.model().name().equals("linear")) {
                    d.error("model", self.span(), "`least_squares` fits a linear model exactly", "use `model linear`");
                }
            }
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.pretraining(binder()).addBinding("least_squares").toInstance(new Factory());
        }
    }
}
