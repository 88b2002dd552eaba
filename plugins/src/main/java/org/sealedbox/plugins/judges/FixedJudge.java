package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code fixed_judge}: a frozen critic — the pretrained model, trained on human data and never updated —
 * answers each proposal's situation; the proposal is kept when its answer agrees with the critic's within
 * {@code tolerance}. Outside the human fields the critic knows no more than the agents did at the start.
 */
public final class FixedJudge implements Judge {
    private final double tolerance;

    FixedJudge(double tolerance) {
        this.tolerance = tolerance;
    }

    @Override
    public Verdict judge(Proposals p, Context c) {
        long n = p.agents(), count = p.count(), d = p.x().size(2);
        INDArray critic = c.population().pretrained().predict(p.x().reshape(1, n * count, d)).reshape(n, count, p.label().size(2));
        return new Verdict(Agreement.within(p.label(), critic, tolerance), p.label());
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "fixed_judge",
                "a frozen critic pretrained on human data keeps the proposals it agrees with",
                List.of(ParamSpec.real("tolerance", 0.5, 0, 1e6, "largest disagreement with the critic that is still accepted")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new FixedJudge(params.real("tolerance"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("fixed_judge").toInstance(new Factory());
        }
    }
}
