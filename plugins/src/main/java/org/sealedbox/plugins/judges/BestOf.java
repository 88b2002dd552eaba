package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code best_of(n, objective)}: for every proposed situation it samples n answers from the agent (its prediction
 * plus the same exploration noise, and on a temptation a fresh shortcut decision from its policy), scores them by the
 * objective and keeps the best — the best-of-n policy of Stiennon et al. (2020) and Gao, Schulman & Hilton (2023).
 * Every proposal is accepted, with the chosen answer as its label. As a scorer it reports the score of the judge its
 * objective names ({@code proxy(j)}).
 */
public final class BestOf implements Judge {
    private final int n;
    private final String objective;

    BestOf(ParamValues p) {
        n = (int) p.integer("n");
        objective = p.objective("by");
    }

    @Override
    public Verdict judge(Proposals p, Context c) {
        Proposals candidates = candidates(p, n, c);
        INDArray values = c.objectives().value(objective, candidates, null); // [N, P·n]
        long agents = p.agents(), count = p.count();
        INDArray best = Nd4j.argMax(values.reshape(agents, count, n), 2).castTo(DataType.DOUBLE).reshape(agents, count);
        INDArray position = best.addi(Nd4j.arange(count).castTo(DataType.DOUBLE).muli(n).reshape(1, count));
        Proposals chosen = new Proposals(p.fields(), p.x(), p.prediction(), Tensors.perAgentRows(candidates.label(), position),
                p.confidence(), p.noise(), candidates.behaviour() == null ? null : candidates.behaviour().gather(position));
        INDArray proxy = Tensors.perAgent(values, position);
        return new Verdict(Nd4j.ones(DataType.FLOAT, agents, count), chosen.label(), chosen, proxy);
    }

    /**
     * {@code n} answers per proposed situation, sampled afresh from the agents: [N, P·n] proposals, the n candidates of
     * proposal i at positions i·n … i·n + n − 1.
     */
    public static Proposals candidates(Proposals p, int n, Context c) {
        long agents = p.agents(), count = p.count(), d = p.x().size(2), k = p.prediction().size(2);
        INDArray x = repeat(p.x(), n), prediction = repeat(p.prediction(), n);
        INDArray label = c.population().effective().answer(prediction, p.noise(), c.rng());
        INDArray fields = p.fields().reshape(agents, count, 1).repeat(2, n).reshape(agents, count * n);
        INDArray confidence = p.confidence().reshape(agents, count, 1).repeat(2, n).reshape(agents, count * n);
        Behaviour b = p.behaviour();
        Behaviour again = null;
        if (b != null) {
            Behaviour rep = b.repeatEach(n);
            INDArray shortcut = Nd4j.rand(c.rng(), agents, count * n).lt(rep.probability()).castTo(DataType.FLOAT).muli(rep.tempted());
            INDArray caught = Nd4j.rand(c.rng(), agents, count * n).lt(b.terms().caught()).castTo(DataType.FLOAT)
                    .muli(shortcut).muli(rep.observed());
            again = new Behaviour(rep.tempted(), rep.observed(), shortcut, caught, rep.probability(), b.terms());
        }
        return new Proposals(fields, x, prediction, label, confidence, p.noise(), again);
    }

    /** [N, P, m] → [N, P·n, m], each row repeated n times in place. */
    private static INDArray repeat(INDArray a, int n) {
        long agents = a.size(0), count = a.size(1), m = a.size(2);
        return a.reshape(agents, count, 1, m).repeat(2, n).reshape(agents, count * n, m);
    }

    @Override
    public INDArray score(Proposals p, Context c) {
        String scorer = c.objectives().scorer(objective);
        return scorer == null ? Nd4j.ones(DataType.FLOAT, p.agents(), p.count()) : c.objectives().score(scorer, p);
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "best_of",
                "samples n answers for every proposed situation and keeps the one the objective scores highest",
                List.of(ParamSpec.integer("n", 4, 1, 100_000, "answers sampled per situation"),
                        new ParamSpec("by", new ParamType.ObjectiveRef(), null,
                                "the objective the answers are ranked by (e.g. `objective reward = proxy(critic)`)")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new BestOf(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("best_of").toInstance(new Factory());
        }
    }
}
