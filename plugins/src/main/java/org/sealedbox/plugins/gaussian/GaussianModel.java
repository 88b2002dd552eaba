package org.sealedbox.plugins.gaussian;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Model {@code gaussian}: each agent is a normal distribution, mean [N, 1] and standard deviation [N, 1], that answers
 * with draws from itself. It is fitted, not trained: pretrain it with {@code gaussian_fit} (on real data first, then
 * on its predecessors' samples) and keep its learner {@code frozen}.
 */
public final class GaussianModel implements Model {
    private final INDArray mean, sd;

    public GaussianModel(INDArray mean, INDArray sd) {
        this.mean = mean;
        this.sd = sd;
    }

    public INDArray sd() {
        return sd;
    }

    @Override public int agents() { return (int) mean.size(0); }
    @Override public List<INDArray> params() { return List.of(mean, sd); }

    @Override
    public INDArray predict(INDArray x) {
        INDArray out = x.dup();
        Broadcast.mul(out, mean.reshape(mean.size(0)), out, 0);
        return out;
    }

    /** A draw from each agent's own distribution: its mean plus its standard deviation times noise. */
    @Override
    public INDArray answer(INDArray prediction, double noise, Random rng) {
        INDArray draws = Nd4j.randn(rng, prediction.shape());
        Broadcast.mul(draws, sd.reshape(sd.size(0)), draws, 0);
        return draws.addi(prediction);
    }

    @Override
    public List<INDArray> gradient(INDArray x, INDArray y, INDArray mask) {
        throw new UnsupportedOperationException("a gaussian model is fitted, not trained by gradient steps");
    }

    /** Distance from the real distribution: (μ̂ − μ)² + (σ̂ − σ)², relative to σ². */
    @Override
    public World.FieldErrors fieldErrors(World world) {
        GaussianWorld w = (GaussianWorld) world;
        INDArray dm = mean.castTo(DataType.DOUBLE).sub(w.mean()), ds = sd.castTo(DataType.DOUBLE).sub(w.sd());
        return new World.FieldErrors(dm.muli(dm).addi(ds.muli(ds)), Nd4j.createFromArray(w.sd() * w.sd()));
    }

    @Override
    public INDArray fieldSpread(World world) {
        INDArray m = mean.castTo(DataType.DOUBLE);
        INDArray d = m.sub(m.meanNumber().doubleValue());
        return d.muli(d);
    }

    @Override
    public Model select(INDArray index) {
        return new GaussianModel(Tensors.agents(mean, index), Tensors.agents(sd, index));
    }

    @Override
    public Model replicate(int n) {
        return select(Nd4j.zeros(DataType.FLOAT, n));
    }

    @Override
    public Model copy() {
        return new GaussianModel(mean.dup(), sd.dup());
    }

    public static final class Factory implements ModelFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MODEL, "gaussian",
                "each agent a normal distribution that answers with draws from itself; fitted with `pretrain gaussian_fit`",
                List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Model create(int agents, World world, ParamValues params, Random rng) {
            return new GaussianModel(Nd4j.zeros(DataType.FLOAT, agents, 1), Nd4j.ones(DataType.FLOAT, agents, 1));
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            if (!scenario.world().name().equals("gaussian")) {
                d.error("world", self.span(), "a `gaussian` model fits draws from a `gaussian` world", "use `world gaussian`");
            }
            for (PopulationSpec p : scenario.populations()) {
                if (p.model() != self) continue;
                if (!p.learner().name().equals("frozen")) {
                    d.error("learner", p.learner().span(), "a `gaussian` model is fitted at each generation, not trained",
                            "use `learner frozen` and a `generation` block");
                }
                if (!p.pretrain().name().equals("gaussian_fit")) {
                    d.error("pretrain", p.span(), "a `gaussian` model is fitted by `pretrain gaussian_fit`", null);
                }
            }
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.models(binder()).addBinding("gaussian").toInstance(new Factory());
        }
    }

}
