package org.sealedbox.plugins.learners;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Learner {@code context}: the weights never change; new knowledge lives only in the agents' notes, which they
 * learn from in context at prediction time ({@code context C steps k lr η} in {@code agents}: k steps of gradient
 * descent on the notes from the pretrained weights, discarded after each use). Select into {@code pop.notes}.
 */
public final class InContext implements Learner {
    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        // the weights never change: what is learnt is in the notes
    }

    @Override
    public boolean agentLocal() {
        return true;
    }

    public static final class Factory implements LearnerFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, "context",
                "weights never change; agents learn only from their notes, in context (set `context C steps k lr η`)", List.of());

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Learner create(ParamValues params) {
            return new InContext();
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            for (PopulationSpec p : scenario.populations()) {
                if (p.learner() != self) continue;
                if (p.context() == 0 || p.recall().integer("steps") == 0) {
                    d.error("no-context", self.span(), "`" + p.name() + "` learns only in context, but its context is not used",
                            "add e.g. `context 64 steps 4 lr 0.1` to `agents " + p.name() + "`");
                }
                for (TickStatement s : scenario.program()) {
                    if (s instanceof TickStatement.Select sel && sel.into().equals(p.name()) && sel.channel() == TickStatement.Channel.WEIGHTS) {
                        d.warning("unused", sel.span(), "`" + p.name() + "` never changes its weights: what is selected into them is lost",
                                "select into `" + p.name() + ".notes`");
                    }
                }
            }
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("context").toInstance(new Factory());
        }
    }
}
