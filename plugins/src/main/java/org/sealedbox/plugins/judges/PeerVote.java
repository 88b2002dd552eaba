package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code peer_vote}: {@code peers} other agents of the same population answer each proposal's situation;
 * it is kept when a majority of them agree with it within {@code tolerance}. Each tick every agent gets peers at
 * the same random offsets in the population (agent i is judged by agents i+o₁, i+o₂, … modulo N), so no agent
 * judges itself and the draw is one batched gather per peer.
 */
public final class PeerVote implements Judge {
    private final int peers;
    private final double tolerance;

    PeerVote(ParamValues p) {
        peers = (int) p.integer("peers");
        tolerance = p.real("tolerance");
    }

    @Override
    public Verdict judge(Proposals p, Context c) {
        long n = p.agents();
        if (n < 2) return new Verdict(Nd4j.zeros(DataType.FLOAT, n, p.count()), p.label());
        INDArray offsets = Nd4j.rand(c.rng(), peers).muli(n - 1 - 1e-6);
        INDArray votes = Nd4j.zeros(DataType.FLOAT, n, p.count());
        for (int j = 0; j < peers; j++) {
            long offset = 1 + (long) Math.floor(offsets.getDouble(j));
            INDArray index = Nd4j.arange(n).addi(offset).fmodi(n);
            INDArray peer = c.population().effective().select(index).predict(p.x());
            votes.addi(Agreement.within(p.label(), peer, tolerance));
        }
        return new Verdict(votes.gt(peers / 2.0).castTo(DataType.FLOAT), p.label());
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "peer_vote",
                "other agents of the population vote; a proposal is kept when most of them agree with it",
                List.of(
                        ParamSpec.integer("peers", 3, 1, 1000, "how many peers judge each proposal"),
                        ParamSpec.real("tolerance", 0.5, 0, 1e6, "largest disagreement a peer still counts as agreement")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new PeerVote(params);
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            long peers = self.params().integer("peers");
            scenario.populations().stream().filter(pop -> pop.count() <= peers).findFirst().ifPresent(pop ->
                    d.warning("peers", self.span(), "population `" + pop.name() + "` has " + pop.count()
                            + " agents, so some of the " + peers + " peers of an agent are the same agent twice", null));
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("peer_vote").toInstance(new Factory());
        }
    }
}
