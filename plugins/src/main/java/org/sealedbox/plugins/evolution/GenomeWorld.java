package org.sealedbox.plugins.evolution;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * World {@code genome}: a hidden target genome of G bits (MacKay, Information Theory, Inference, and Learning
 * Algorithms, ch. 19). Each bit is a field; a situation of field g asks for bit g, whose truth is the target's bit.
 * An agent's fitness is the share of its bits that match. Humans know nothing of the target.
 */
public final class GenomeWorld implements World {
    private final int bits;
    private final INDArray target; // [G] of 0/1

    GenomeWorld(ParamValues p, Streams streams) {
        bits = (int) p.integer("bits");
        target = Nd4j.rand(streams.stream("world"), bits).lt(0.5).castTo(DataType.FLOAT);
    }

    public INDArray target() {
        return target;
    }

    @Override public int fields() { return bits; }
    @Override public int dims() { return bits; }
    @Override public int outputs() { return 1; }
    @Override public INDArray humanFields() { return Nd4j.zeros(DataType.FLOAT, bits); }
    @Override public INDArray prerequisites() { return Nd4j.zeros(DataType.FLOAT, bits, bits); }
    @Override public INDArray blockEnergy() { return Nd4j.eye(bits).castTo(DataType.FLOAT); }

    @Override
    public INDArray situations(INDArray fields, Random rng) {
        long n = fields.size(0), p = fields.size(1);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n * p, bits);
        Broadcast.add(x, Nd4j.arange(bits).castTo(DataType.FLOAT), x, 1);
        x.subiColumnVector(fields.reshape(n * p, 1).castTo(DataType.FLOAT));
        return x.eq(0).castTo(DataType.FLOAT).reshape(n, p, bits);
    }

    @Override
    public INDArray truth(INDArray x) {
        long n = x.size(0), p = x.size(1);
        return x.reshape(n * p, bits).mmul(target.reshape(bits, 1)).reshape(n, p, 1);
    }

    /** What humans "know": coin flips, one bit each. */
    @Override
    public Batch humanData(int n, Random rng) {
        INDArray fields = Nd4j.rand(rng, 1, n).muli(bits * (1 - 1e-7));
        fields = org.nd4j.linalg.ops.transforms.Transforms.floor(fields, false);
        return new Batch(situations(fields, rng).reshape(n, bits), Nd4j.rand(rng, n, 1).lt(0.5).castTo(DataType.FLOAT));
    }

    /** A linear predictor's answer to bit g is θ_g: its squared error there, per bit (variance 1: one bit). */
    @Override
    public FieldErrors linearFieldErrors(INDArray theta) {
        INDArray diff = theta.castTo(DataType.DOUBLE).reshape(theta.size(0), bits);
        diff.subiRowVector(target.castTo(DataType.DOUBLE));
        return new FieldErrors(diff.muli(diff), Nd4j.ones(DataType.DOUBLE, bits));
    }

    @Override
    public INDArray linearFieldDistance(INDArray theta, INDArray reference) {
        INDArray diff = theta.castTo(DataType.DOUBLE).reshape(theta.size(0), bits);
        INDArray ref = reference.castTo(DataType.DOUBLE).reshape(reference.size(0), bits);
        if (ref.size(0) == 1) diff.subiRowVector(ref);
        else diff.subi(ref);
        return diff.muli(diff);
    }

    @Override
    public HeldOut heldOut() {
        INDArray x = Nd4j.eye(bits).castTo(DataType.FLOAT);
        return new HeldOut(x, target.reshape(bits, 1), x, 1);
    }

    @Override
    public INDArray blockExposure(INDArray x) {
        return x.mul(x);
    }

    public static final class Factory implements WorldFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.WORLD, "genome",
                "a hidden target genome of G bits; fitness is the share of an agent's bits that match it",
                List.of(ParamSpec.integer("bits", 100, 1, 1_000_000, "genome length G")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public World create(ParamValues params, Streams streams) {
            return new GenomeWorld(params, streams);
        }

        @Override public double inputEnergy(ParamValues params) { return 1; }
        @Override public int fields(ParamValues params) { return (int) params.integer("bits"); }
        @Override public int dims(ParamValues params) { return (int) params.integer("bits"); }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.worlds(binder()).addBinding("genome").toInstance(new Factory());
        }
    }
}
