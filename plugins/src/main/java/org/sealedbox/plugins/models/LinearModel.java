package org.sealedbox.plugins.models;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.spi.*;

/**
 * Model {@code linear}: each agent's beliefs are a k × D matrix, all agents in one tensor θ [N, k, D].
 * Predictions and gradients are batched matmuls over the agent axis.
 */
public final class LinearModel implements Model {
    private final INDArray theta;

    /** A population whose weights are {@code theta} [N, k, D] (kept, not copied). */
    public LinearModel(INDArray theta) {
        this.theta = theta;
    }

    @Override public int agents() { return (int) theta.size(0); }
    @Override public List<INDArray> params() { return List.of(theta); }

    @Override
    public INDArray predict(INDArray x) {
        return Batched.matmul(x, theta, false, true); // [N, P, D] · [N, D, k]
    }

    @Override
    public List<INDArray> gradient(INDArray x, INDArray y, INDArray mask) {
        return List.of(Batched.residualTimesInputs(x, theta, y, mask).divi(x.size(1))); // mean over the batch
    }

    @Override
    public World.FieldErrors fieldErrors(World world) {
        return world.linearFieldErrors(theta);
    }

    @Override
    public INDArray fieldSpread(World world) {
        INDArray mean = theta.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mean(0); // in double: copies must show exactly 0
        return world.linearFieldDistance(theta, mean.reshape(1, theta.size(1), theta.size(2)));
    }

    /** Exact, from the block covariance of the world's situations. */
    @Override
    public INDArray fieldDistance(World world, Model reference) {
        return world.linearFieldDistance(theta, reference.params().get(0));
    }

    @Override
    public Model select(INDArray index) {
        return new LinearModel(Tensors.agents(theta, index));
    }

    @Override
    public Model rows(long from, long to) {
        return new LinearModel(Tensors.agentRange(theta, from, to));
    }

    @Override
    public Model replicate(int n) {
        INDArray first = theta.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all());
        return new LinearModel(first.repeat(0, n).reshape(n, theta.size(1), theta.size(2)));
    }

    @Override
    public Model copy() {
        return new LinearModel(theta.dup());
    }

    public static final class Factory implements ModelFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MODEL, "linear",
                "a linear map from situation to prediction per agent, θ [N, k, D]",
                List.of(ParamSpec.real("init", 0.0, 0.0, 10.0,
                        "standard deviation of the initial weights before pretraining (0: knows nothing outside its data)")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Model create(int agents, World world, ParamValues params, Random rng) {
            double init = params.real("init");
            INDArray theta = init > 0 ? Nd4j.randn(rng, agents, world.outputs(), world.dims()).muli(init)
                    : Nd4j.zeros(agents, world.outputs(), world.dims());
            return new LinearModel(theta);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.models(binder()).addBinding("linear").toInstance(new Factory());
        }
    }
}
