package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code self_consistency}: the agent answers each proposal {@code samples} more times (its prediction
 * plus its exploration noise); the proposal is kept when the samples agree (their range in every output is at
 * most {@code tolerance}), labelled with their mean. Averaging reduces the noise of a label; it cannot remove a
 * bias the agent shares with itself.
 */
public final class SelfConsistency implements Judge {
    private final int samples;
    private final double tolerance;

    SelfConsistency(ParamValues p) {
        samples = (int) p.integer("samples");
        tolerance = p.real("tolerance");
    }

    @Override
    public Verdict judge(Proposals p, Context c) {
        INDArray sum = null, max = null, min = null;
        for (int s = 0; s < samples; s++) {
            INDArray draw = p.noise() > 0 ? p.prediction().add(Nd4j.randn(c.rng(), p.prediction().shape()).muli(p.noise()))
                    : p.prediction().dup();
            sum = sum == null ? draw.dup() : sum.addi(draw);
            max = max == null ? draw.dup() : Nd4j.math().max(max, draw);
            min = min == null ? draw.dup() : Nd4j.math().min(min, draw);
        }
        INDArray spread = max.sub(min).max(2); // [N, P]
        return new Verdict(spread.lte(tolerance).castTo(DataType.FLOAT), sum.divi(samples));
    }

    @Override
    public boolean agentLocal() {
        return true;
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "self_consistency",
                "keeps a proposal when several of the agent's own samples agree, labelled with their mean",
                List.of(
                        ParamSpec.integer("samples", 5, 1, 1000, "how many times the agent answers again"),
                        ParamSpec.real("tolerance", 1.0, 0, 1e6, "largest range of the samples that still counts as agreement")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new SelfConsistency(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("self_consistency").toInstance(new Factory());
        }
    }
}
