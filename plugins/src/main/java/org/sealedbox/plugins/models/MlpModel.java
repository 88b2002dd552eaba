package org.sealedbox.plugins.models;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Model {@code mlp(h)}: one hidden layer of h ReLU units per agent, all agents in four tensors — W1 [N, h, D],
 * b1 [N, h], W2 [N, k, h], b2 [N, k] — with hand-written backpropagation batched over the agent axis. Its
 * accuracy is measured on the world's fixed held-out situations (no closed form for a non-linear model).
 */
public final class MlpModel implements Model {
    private final INDArray w1, b1, w2, b2;

    /** A population with these weights (kept, not copied): W1 [N, h, D], b1 [N, h], W2 [N, k, h], b2 [N, k]. */
    public MlpModel(INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    @Override public int agents() { return (int) w1.size(0); }
    @Override public List<INDArray> params() { return List.of(w1, b1, w2, b2); }

    /** Pre-activations [N, P, h] of situations x [N, P, D]. */
    private INDArray hiddenInput(INDArray x) {
        INDArray z = Batched.matmul(x, w1, false, true);
        Broadcast.add(z, b1, z, 0, 2);
        return z;
    }

    private INDArray output(INDArray hidden) {
        INDArray out = Batched.matmul(hidden, w2, false, true);
        Broadcast.add(out, b2, out, 0, 2);
        return out;
    }

    @Override
    public INDArray predict(INDArray x) {
        return output(Transforms.relu(hiddenInput(x), false));
    }

    @Override
    public List<INDArray> gradient(INDArray x, INDArray y, INDArray mask) {
        long b = x.size(1);
        INDArray z = hiddenInput(x);
        INDArray h = Transforms.relu(z, true);
        INDArray e = output(h).subi(y);                 // [N, B, k]
        Broadcast.mul(e, mask.castTo(e.dataType()), e, 0, 1);
        e.divi(b);
        INDArray dW2 = Batched.matmul(e, h, true, false); // [N, k, h]
        INDArray db2 = e.sum(1);                               // [N, k]
        INDArray dz = Batched.matmul(e, w2, false, false).muli(z.gt(0).castTo(e.dataType())); // [N, B, h]
        INDArray dW1 = Batched.matmul(dz, x, true, false);              // [N, h, D]
        INDArray db1 = dz.sum(1);                                            // [N, h]
        return List.of(dW1, db1, dW2, db2);
    }

    /** Predictions of every agent on the same situations x [M, D]: [N, M, k], without copying x N times. */
    private INDArray predictShared(INDArray x) {
        long n = w1.size(0), h = w1.size(1), m = x.size(0);
        INDArray z = w1.reshape(n * h, w1.size(2)).mmul(x.transpose()).reshape(n, h, m).permute(0, 2, 1).dup(); // [N, M, h]
        Broadcast.add(z, b1, z, 0, 2);
        return output(Transforms.relu(z, false));
    }

    @Override
    public World.FieldErrors fieldErrors(World world) {
        World.HeldOut held = world.heldOut();
        INDArray fields = held.fields().castTo(DataType.DOUBLE);
        // by blocks of agents: all at once, the hidden layer on every held-out situation is [N, M, h] (39 GB at N = 1e5)
        INDArray mse = Scratch.perAgent("held-out", w1.size(0), held.x().size(0) * w1.size(1), DataType.DOUBLE,
                fields.size(1), rows -> {                                                            // [N, F]
                    MlpModel part = (MlpModel) rows(rows.offset(), rows.offset() + rows.length());
                    INDArray err = part.predictShared(held.x()).castTo(DataType.DOUBLE);
                    Broadcast.sub(err, held.y().castTo(DataType.DOUBLE), err, 1, 2);
                    return err.muli(err).sum(2).mmul(fields).divi(held.perField());
                });
        INDArray y = held.y().castTo(DataType.DOUBLE);
        INDArray variance = y.mul(y).sum(1).reshape(1, -1).mmul(fields).divi(held.perField()).reshape(-1); // [F]
        return new World.FieldErrors(mse, variance);
    }

    @Override
    public INDArray fieldSpread(World world) {
        World.HeldOut held = world.heldOut();
        INDArray pred = predictShared(held.x()).castTo(DataType.DOUBLE);
        INDArray mean = pred.mean(0);
        Broadcast.sub(pred, mean, pred, 1, 2);
        return pred.muli(pred).sum(2).mmul(held.fields().castTo(DataType.DOUBLE)).divi(held.perField());
    }

    @Override
    public Model select(INDArray index) {
        return new MlpModel(Tensors.agents(w1, index), Tensors.agents(b1, index), Tensors.agents(w2, index), Tensors.agents(b2, index));
    }

    @Override
    public Model rows(long from, long to) {
        return new MlpModel(Tensors.agentRange(w1, from, to), Tensors.agentRange(b1, from, to),
                Tensors.agentRange(w2, from, to), Tensors.agentRange(b2, from, to));
    }

    @Override
    public Model replicate(int n) {
        return select(Nd4j.zeros(DataType.FLOAT, n));
    }

    @Override
    public Model copy() {
        return new MlpModel(w1.dup(), b1.dup(), w2.dup(), b2.dup());
    }

    public static final class Factory implements ModelFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MODEL, "mlp",
                "one hidden layer of ReLU units per agent, batched backpropagation; accuracy on held-out situations",
                List.of(ParamSpec.integer("hidden", 64, 1, 65_536, "hidden units h"),
                        ParamSpec.real("init", 1.0, 0.0, 10.0, "scale of the random initial weights, relative to 1/√fan-in")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Model create(int agents, World world, ParamValues params, Random rng) {
            int h = (int) params.integer("hidden"), d = world.dims(), k = world.outputs();
            double init = params.real("init");
            INDArray w1 = Nd4j.randn(rng, agents, h, d).muli(init / Math.sqrt(d));
            INDArray w2 = Nd4j.randn(rng, agents, k, h).muli(init / Math.sqrt(h));
            return new MlpModel(w1, Nd4j.zeros(DataType.FLOAT, agents, h), w2, Nd4j.zeros(DataType.FLOAT, agents, k));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.models(binder()).addBinding("mlp").toInstance(new Factory());
        }
    }
}
