package org.sealedbox.plugins.gaussian;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * World {@code gaussian}: the real data are draws from a normal distribution N(mean, sd²) — the setting of the
 * recursive-fitting experiment of Shumailov et al. (Nature 631, 2024). There is one field and no input: every
 * situation is the constant 1, and its "truth" is the distribution's mean.
 */
public final class GaussianWorld implements World {
    private final double mean, sd;
    private final HeldOut heldOut;

    GaussianWorld(ParamValues p, Streams streams) {
        mean = p.real("mean");
        sd = p.real("sd");
        INDArray hx = Nd4j.ones(DataType.FLOAT, 64, 1);
        heldOut = new HeldOut(hx, Nd4j.randn(streams.stream("held-out"), 64, 1).muli(sd).addi(mean), Nd4j.ones(DataType.FLOAT, 64, 1), 64);
    }

    public double mean() { return mean; }
    public double sd() { return sd; }

    @Override public int fields() { return 1; }
    @Override public int dims() { return 1; }
    @Override public int outputs() { return 1; }
    @Override public INDArray humanFields() { return Nd4j.ones(DataType.FLOAT, 1); }
    @Override public INDArray prerequisites() { return Nd4j.zeros(DataType.FLOAT, 1, 1); }
    @Override public INDArray blockEnergy() { return Nd4j.ones(DataType.FLOAT, 1, 1); }
    @Override public HeldOut heldOut() { return heldOut; }

    @Override
    public INDArray situations(INDArray fields, Random rng) {
        return Nd4j.ones(DataType.FLOAT, fields.size(0), fields.size(1), 1);
    }

    @Override
    public INDArray truth(INDArray x) {
        return x.mul(mean);
    }

    @Override
    public Batch humanData(int n, Random rng) {
        return new Batch(Nd4j.ones(DataType.FLOAT, n, 1), Nd4j.randn(rng, n, 1).muli(sd).addi(mean));
    }

    /** For a predictor of the constant θ: the squared error of its mean, relative to the data's variance. */
    @Override
    public FieldErrors linearFieldErrors(INDArray theta) {
        INDArray diff = theta.castTo(DataType.DOUBLE).reshape(theta.size(0), 1).sub(mean);
        return new FieldErrors(diff.muli(diff), Nd4j.createFromArray(sd * sd));
    }

    @Override
    public INDArray linearFieldDistance(INDArray theta, INDArray reference) {
        INDArray t = theta.castTo(DataType.DOUBLE).reshape(theta.size(0), 1);
        INDArray r = reference.castTo(DataType.DOUBLE).reshape(reference.size(0), 1);
        INDArray diff = r.size(0) == 1 ? t.sub(r.getDouble(0)) : t.sub(r);
        return diff.muli(diff);
    }

    @Override
    public INDArray blockExposure(INDArray x) {
        return x.mul(x);
    }

    public static final class Factory implements WorldFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.WORLD, "gaussian",
                "real data are draws from N(mean, sd²); for recursive fitting (model collapse) experiments",
                List.of(ParamSpec.real("mean", 0, -1e6, 1e6, "mean of the real data"),
                        ParamSpec.real("sd", 1, 1e-6, 1e6, "standard deviation of the real data")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public World create(ParamValues params, Streams streams) {
            return new GaussianWorld(params, streams);
        }

        @Override
        public double inputEnergy(ParamValues params) {
            return 1;
        }

        @Override
        public int fields(ParamValues params) {
            return 1;
        }

        @Override
        public int dims(ParamValues params) {
            return 1;
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.worlds(binder()).addBinding("gaussian").toInstance(new Factory());
        }
    }
}
