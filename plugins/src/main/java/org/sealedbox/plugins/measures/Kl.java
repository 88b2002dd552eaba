package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code kl}: KL(π ‖ π₀) of the agents' policy from the pretrained one, mean over agents. The policy
 * answers a situation with its prediction plus Gaussian noise σ (the noise it proposes with), so the answer part is
 * E_x ‖f(x) − f₀(x)‖² / 2σ², averaged over the chosen fields ({@link Model#fieldDistance}: exact for linear models, over
 * the held-out situations otherwise); the shortcut part is the Bernoulli KL of the decision on a
 * temptation, averaged over watched and unwatched as they occur, times the share of proposals that are tempting.
 * {@code part} picks which.
 */
public final class Kl implements Measure {
    private final String part;
    private final Object fields;

    Kl(ParamValues p) {
        part = p.choice("part").name();
        fields = p.values().get("fields");
    }

    @Override
    public double measure(PopulationView pop, World world) {
        double total = 0;
        if (!part.equals("shortcuts")) {
            double sigma = pop.explorationNoise();
            if (sigma == 0) return Double.NaN;
            INDArray distance = pop.model().fieldDistance(world, pop.pretrained()); // [N, F] double
            INDArray mask = Accuracy.select(fields, world);
            double count = mask.sumNumber().doubleValue();
            if (count == 0) return Double.NaN;
            total += distance.mmul(mask.reshape(world.fields(), 1)).meanNumber().doubleValue() / count / (2 * sigma * sigma);
        }
        World.Temptations t = world.temptations();
        if (!part.equals("answers") && pop.policy() != null && t != null) {
            total += t.rate() * pop.policy().kl(pop.pretrainedPolicy(), t.observed()).meanNumber().doubleValue();
        }
        return total;
    }

    public static final class Factory implements MeasureFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.MEASURE, "kl",
                "KL divergence of the agents' policy (answers and shortcut decisions) from the pretrained policy",
                List.of(ParamSpec.choice("part", "both", new ParamType.ChoiceType(List.of(ParamType.Option.plain("both"),
                                ParamType.Option.plain("answers"), ParamType.Option.plain("shortcuts"))), "which part of the policy"),
                        Accuracy.fieldsParam("all", "the fields over whose situations the answer part is averaged")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Measure create(ParamValues params) {
            return new Kl(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.measures(binder()).addBinding("kl").toInstance(new Factory());
        }
    }
}
