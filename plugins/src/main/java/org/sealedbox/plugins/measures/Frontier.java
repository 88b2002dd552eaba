package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code frontier(mastery, stat)}: how many fields beyond the human ones an agent has truly mastered
 * (accuracy ≥ mastery, judged against the truth); the mean, median or max over agents. Compare
 * {@code believed_frontier}.
 */
public final class Frontier implements Measure {
    private final double mastery;
    private final String stat;

    Frontier(double mastery, String stat) {
        this.mastery = mastery;
        this.stat = stat;
    }

    @Override
    public double measure(PopulationView pop, World world) {
        INDArray mastered = pop.effective().fieldErrors(world).accuracy().gte(mastery).castTo(DataType.DOUBLE);
        INDArray fresh = Accuracy.select("new", world);
        return Stat.of(stat, mastered.mmul(fresh.reshape(world.fields(), 1)));
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "frontier",
                "new fields truly mastered per agent (accuracy ≥ mastery), mean over agents",
                List.of(ParamSpec.real("mastery", 0.9, 0.0, 1.0, "accuracy at which a field counts as mastered"),
                        Stat.param()));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Frontier(params.real("mastery"), params.choice("stat").name());
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("frontier").toInstance(new Factory());
        }
    }
}
