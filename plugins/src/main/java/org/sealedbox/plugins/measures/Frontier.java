package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code frontier(mastery, stat)}: how many fields beyond the human ones an agent has truly mastered
 * (accuracy ≥ mastery, judged against the truth); the mean, median or max over agents, or — {@code union} — the
 * fields mastered by at least one agent (what the population knows between them). Compare {@code believed_frontier}.
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
        if (stat.equals("union")) return mastered.max(0).mul(fresh).sumNumber().doubleValue();
        return Stat.of(stat, mastered.mmul(fresh.reshape(world.fields(), 1)));
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "frontier",
                "new fields truly mastered per agent (accuracy ≥ mastery), mean over agents",
                List.of(ParamSpec.real("mastery", 0.9, 0.0, 1.0, "accuracy at which a field counts as mastered"),
                        ParamSpec.choice("stat", "mean", new ParamType.ChoiceType(List.of(ParamType.Option.plain("mean"),
                                ParamType.Option.plain("median"), ParamType.Option.plain("max"), ParamType.Option.plain("union"))),
                                "over agents: mean, median or max of each agent's count; union: fields mastered by at least one agent")));

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
