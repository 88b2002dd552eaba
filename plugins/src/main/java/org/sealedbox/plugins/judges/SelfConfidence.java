package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code self_confidence}: keeps the proposals the agent itself is confident in ("whatever seems
 * right"). What confidence means is the population's {@code confidence} plugin's business.
 */
public final class SelfConfidence implements Judge {
    private final double threshold;

    SelfConfidence(double threshold) {
        this.threshold = threshold;
    }

    /** Confidence needed for a proposal to be kept. */
    public double threshold() {
        return threshold;
    }

    @Override
    public Verdict judge(Proposals p, Context context) {
        return new Verdict(p.confidence().gte(threshold).castTo(DataType.FLOAT), p.label());
    }

    @Override
    public boolean agentLocal() {
        return true;
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "self_confidence",
                "accepts proposals whose proposer's confidence is at least the threshold",
                List.of(ParamSpec.real("threshold", 0.5, 0.0, 1.0, "confidence needed for a proposal to be kept")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new SelfConfidence(params.real("threshold"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("self_confidence").toInstance(new Factory());
        }
    }
}
