package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code ground_truth}: experiments. The world reveals the (noisy) consequence of at most {@code budget}
 * proposals per tick — per agent or for the whole population, as {@code per} says — and those proposals are
 * kept with the observed consequence as their label. With {@code tolerance > 0} only the proposals whose answer
 * the consequence bore out (within the tolerance) are kept. Unchecked proposals are never kept.
 */
public final class GroundTruth implements Judge {
    private final int budget;
    private final double noise, tolerance;
    private final boolean perPopulation;
    private final ProxyError error;

    GroundTruth(ParamValues p) {
        budget = (int) p.integer("budget");
        noise = p.real("noise");
        tolerance = p.real("tolerance");
        perPopulation = p.choice("per").name().equals("population");
        error = new ProxyError(p.choice("error"));
    }

    /**
     * As a scorer: the quality of each answer against the observed consequence (the truth plus {@code noise}), plus
     * {@code error}. Every proposal is scored (a scorer grades; the budget limits what is kept for training).
     */
    @Override
    public INDArray score(Proposals p, Context c) {
        INDArray observed = c.world().truth(p.x());
        if (noise > 0) observed.addi(Nd4j.randn(c.rng(), observed.shape()).muli(noise));
        return error.addTo(c.world().quality(p.fields(), observed, p.label()), c.rng());
    }

    /** Checked per agent, yes; {@code per population}, a budget drawn over the whole population's proposals, no. */
    @Override
    public boolean agentLocal() {
        return !perPopulation;
    }

    @Override
    public Verdict judge(Proposals p, Context c) {
        long n = p.agents(), count = p.count();
        INDArray checked = perPopulation ? randomSubset(n, count, c) : firstSlots(n, count);
        INDArray observed = c.world().truth(p.x());
        if (noise > 0) observed.addi(Nd4j.randn(c.rng(), observed.shape()).muli(noise));
        INDArray accepted = tolerance > 0 ? checked.mul(Agreement.within(p.label(), observed, tolerance)) : checked;
        return new Verdict(accepted, observed);
    }

    /** Each agent's first {@code budget} proposals (proposals are independent draws, so which ones does not matter). */
    private INDArray firstSlots(long n, long count) {
        INDArray row = Nd4j.zeros(DataType.FLOAT, 1, count);
        for (long i = 0; i < Math.min(budget, count); i++) row.putScalar(0, i, 1.0);
        return row.repeat(0, n).reshape(n, count);
    }

    /** {@code budget} proposals drawn uniformly from the whole population's. */
    private INDArray randomSubset(long n, long count, Context c) {
        long total = n * count;
        if (budget >= total) return Nd4j.ones(DataType.FLOAT, n, count);
        INDArray u = Nd4j.rand(c.rng(), total);
        double kth = Nd4j.sort(u.dup(), true).getDouble(budget - 1);
        return u.lte(kth).castTo(DataType.FLOAT).reshape(n, count);
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "ground_truth",
                "experiments: the world reveals the noisy consequence of a limited number of proposals, kept with what was observed",
                List.of(
                        ParamSpec.integer("budget", 8, 0, 1_000_000_000, "proposals whose consequence is revealed per tick"),
                        ParamSpec.real("noise", 0.1, 0, 100, "standard deviation of the noise in an observed consequence"),
                        ParamSpec.choice("per", "agent", new ParamType.ChoiceType(List.of(
                                ParamType.Option.plain("agent"), ParamType.Option.plain("population"))),
                                "whether the budget is each agent's or shared by the whole population"),
                        ParamSpec.real("tolerance", 0, 0, 1e6,
                                "0: keep every checked proposal; > 0: keep only those the consequence bore out within this"),
                        ProxyError.param()));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new GroundTruth(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("ground_truth").toInstance(new Factory());
        }
    }
}
