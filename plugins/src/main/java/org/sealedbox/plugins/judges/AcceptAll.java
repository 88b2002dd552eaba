package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.spi.*;

/** Judge {@code accept_all}: every proposal becomes training data, labelled with what the agent proposed. */
public final class AcceptAll implements Judge {
    @Override
    public Verdict judge(Proposals p, Context context) {
        return new Verdict(Nd4j.ones(p.agents(), p.count()), p.label());
    }

    @Override
    public boolean agentLocal() {
        return true;
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "accept_all",
                "accepts every proposal with the agent's own label", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new AcceptAll();
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("accept_all").toInstance(new Factory());
        }
    }
}
