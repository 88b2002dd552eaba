package org.sealedbox.plugins.evolution;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.plugins.models.LinearModel;
import org.sealedbox.runtime.spi.*;

/**
 * Model {@code bits}: each agent is a genome of G bits [N, 1, G] (0/1), its answer to bit g being its own bit g.
 * Not trained by gradients: it is bred ({@code learner evolution}); mutation flips bits.
 */
public final class BitsModel implements Model {
    private final INDArray genome;

    public BitsModel(INDArray genome) {
        this.genome = genome;
    }

    @Override public int agents() { return (int) genome.size(0); }
    @Override public List<INDArray> params() { return List.of(genome); }

    @Override
    public INDArray predict(INDArray x) {
        return Batched.matmul(x, genome, false, true);
    }

    @Override
    public List<INDArray> gradient(INDArray x, INDArray y, INDArray mask) {
        throw new UnsupportedOperationException("a genome is bred, not trained by gradient steps");
    }

    /** Each bit flips with probability {@code rate}. */
    @Override
    public void mutate(double rate, Random rng) {
        INDArray flips = Nd4j.rand(rng, genome.shape()).lt(rate).castTo(genome.dataType());
        genome.assign(Transforms.abs(genome.sub(flips), false));
    }

    @Override
    public World.FieldErrors fieldErrors(World world) {
        return new LinearModel(genome).fieldErrors(world);
    }

    @Override
    public INDArray fieldSpread(World world) {
        return new LinearModel(genome).fieldSpread(world);
    }

    @Override
    public Model select(INDArray index) {
        return new BitsModel(Tensors.agents(genome, index));
    }

    @Override
    public Model replicate(int n) {
        return select(Nd4j.zeros(DataType.FLOAT, n));
    }

    @Override
    public Model copy() {
        return new BitsModel(genome.dup());
    }

    public static final class Factory implements ModelFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MODEL, "bits",
                "each agent a genome of G bits (G = the world's fields), bred by `learner evolution`", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        /** Random genomes: each bit a coin flip. */
        @Override
        public Model create(int agents, World world, ParamValues params, Random rng) {
            return new BitsModel(Nd4j.rand(rng, agents, 1, world.dims()).lt(0.5).castTo(DataType.FLOAT));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.models(binder()).addBinding("bits").toInstance(new Factory());
        }
    }
}
