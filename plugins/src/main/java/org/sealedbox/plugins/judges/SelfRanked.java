package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code self_ranked}: the "science loop" — of its P proposals this tick, each agent keeps the {@code keep}
 * it is most confident will be progress (ties at the cut are all kept), with its own labels.
 */
public final class SelfRanked implements Judge {
    private final int keep;

    SelfRanked(int keep) {
        this.keep = keep;
    }

    @Override
    public Verdict judge(Proposals p, Context c) {
        long n = p.agents(), count = p.count();
        if (keep >= count) return new Verdict(Nd4j.ones(DataType.FLOAT, n, count), p.label());
        INDArray sorted = Nd4j.sort(p.confidence().dup(), 1, false); // descending per agent
        INDArray cut = sorted.getColumn(keep - 1).reshape(n, 1);
        INDArray accepted = p.confidence().dup();
        accepted.subiColumnVector(cut);
        return new Verdict(accepted.gte(0).castTo(DataType.FLOAT), p.label());
    }

    @Override
    public boolean agentLocal() {
        return true;
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "self_ranked",
                "each agent keeps the proposals it is most confident in, the top `keep` of its own",
                List.of(ParamSpec.integer("keep", 2, 1, 1_000_000, "proposals each agent keeps per tick")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new SelfRanked((int) params.integer("keep"));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("self_ranked").toInstance(new Factory());
        }
    }
}
