package org.sealedbox.plugins.measures;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.plugins.models.LinearModel;
import org.sealedbox.runtime.spi.*;

/**
 * Measure {@code kl}: KL(π ‖ π₀) of the agents' policy from the pretrained one, exact, mean over agents. The policy
 * answers a situation with its prediction plus Gaussian noise σ (the noise it proposes with), so the answer part is
 * E_x ‖f(x) − f₀(x)‖² / 2σ², averaged over the chosen fields; the shortcut part is the Bernoulli KL of the decision on a
 * temptation, averaged over watched and unwatched as they occur, times the share of proposals that are tempting.
 * {@code of} picks the part.
 */
public final class Kl implements Measure {
    private final String of;
    private final Object fields;

    Kl(ParamValues p) {
        of = p.choice("part").name();
        fields = p.values().get("fields");
    }

    @Override
    public double measure(PopulationView pop, World world) {
        double total = 0;
        if (!of.equals("shortcuts")) {
            double sigma = pop.explorationNoise();
            if (sigma == 0) return Double.NaN;
            INDArray distance = fieldDistance(pop, world); // [N, F] double
            INDArray mask = Accuracy.select(fields, world);
            double count = mask.sumNumber().doubleValue();
            if (count == 0) return Double.NaN;
            total += distance.mmul(mask.reshape(world.fields(), 1)).meanNumber().doubleValue() / count / (2 * sigma * sigma);
        }
        World.Temptations t = world.temptations();
        if (!of.equals("answers") && pop.policy() != null && t != null) {
            total += t.rate() * pop.policy().kl(pop.pretrainedPolicy(), t.observed()).meanNumber().doubleValue();
        }
        return total;
    }

    /** E_x ‖f(x) − f₀(x)‖² per agent and field [N, F]: exact for linear models, over the held-out situations otherwise. */
    static INDArray fieldDistance(PopulationView pop, World world) {
        if (pop.model() instanceof LinearModel) {
            return world.linearFieldDistance(pop.model().params().get(0), pop.pretrained().params().get(0));
        }
        World.HeldOut h = world.heldOut();
        long n = pop.model().agents(), m = h.x().size(0), d = h.x().size(1);
        INDArray x = h.x().reshape(1, m, d);
        INDArray now = pop.model().predict(x.repeat(0, n).reshape(n, m, d));
        INDArray start = pop.pretrained().predict(x); // [1, M, k]
        INDArray diff = now.castTo(DataType.DOUBLE).subi(start.castTo(DataType.DOUBLE).repeat(0, n).reshape(now.shape()));
        INDArray sq = diff.muli(diff).sum(2); // [N, M]
        return sq.mmul(h.fields().castTo(DataType.DOUBLE)).divi(h.perField());
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
