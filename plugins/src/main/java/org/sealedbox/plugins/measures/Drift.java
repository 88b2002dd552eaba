package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/** Measure {@code drift}: ‖θ − θ₀‖ / ‖θ₀‖ per agent over all its weights, θ₀ the pretrained weights; mean over agents. */
public final class Drift implements Measure {
    @Override
    public double measure(PopulationView pop, World world) {
        List<INDArray> now = pop.model().params(), start = pop.pretrained().params();
        long n = now.get(0).size(0);
        INDArray dist = null;
        double base = 0;
        for (int i = 0; i < now.size(); i++) {
            INDArray a = now.get(i).castTo(DataType.DOUBLE).reshape(n, -1);
            INDArray b = start.get(i).castTo(DataType.DOUBLE).reshape(1, -1);
            INDArray diff = a.subRowVector(b);
            INDArray sq = diff.muli(diff).sum(1);
            dist = dist == null ? sq : dist.addi(sq);
            base += b.mul(b).sumNumber().doubleValue();
        }
        if (base == 0) return Double.NaN;
        return Transforms.sqrt(dist, false).meanNumber().doubleValue() / Math.sqrt(base);
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "drift",
                "distance of the weights from the pretrained ones, relative to their norm, mean over agents", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Drift();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("drift").toInstance(new Factory());
        }
    }
}
