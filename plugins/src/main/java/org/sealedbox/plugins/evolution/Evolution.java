package org.sealedbox.plugins.evolution;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Learner {@code evolution}: no gradients, no learning within a life. At the end of each lifetime the agents are
 * ranked by their fitness (their accuracy against the truth — a consequence, never a belief); the best {@code keep}
 * share become parents; each child copies a random parent — or, with {@code recombination uniform}, takes each weight
 * from one of two random parents — and mutates ({@code mutation}: the chance a bit flips, or the standard deviation of
 * the noise added to a weight). All batched: one sort, one gather per parent, one mask.
 */
public final class Evolution implements Learner {
    private final double keep, mutation;
    private final boolean recombine;
    private final int tournament; // 0: truncation selection

    Evolution(ParamValues p) {
        keep = p.real("keep");
        Choice select = p.choice("select");
        tournament = select.name().equals("tournament") ? ((Number) select.argument()).intValue() : 0;
        mutation = p.real("mutation");
        recombine = p.choice("recombination").name().equals("uniform");
    }

    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        // within a life, nothing is learnt
    }

    @Override
    public boolean breeds() {
        return true;
    }

    @Override
    public void nextGeneration(Model model, INDArray fitness, Random rng) {
        long n = fitness.length();
        Model children = model.select(parents(fitness, n, rng));
        if (recombine) {
            Model others = model.select(parents(fitness, n, rng));
            for (int i = 0; i < children.params().size(); i++) {
                INDArray a = children.params().get(i), b = others.params().get(i);
                INDArray fromB = Nd4j.rand(rng, a.shape()).lt(0.5).castTo(a.dataType());
                a.addi(b.sub(a).muli(fromB));
            }
        }
        children.mutate(mutation, rng);
        for (int i = 0; i < model.params().size(); i++) model.params().get(i).assign(children.params().get(i));
    }

    /** One parent per child [n]: uniformly among the best {@code keep} share, or the fittest of a random tournament. */
    private INDArray parents(INDArray fitness, long n, Random rng) {
        if (tournament > 0) {
            INDArray entrants = Transforms.floor(Nd4j.rand(rng, n, tournament).castTo(DataType.DOUBLE).muli(n * (1 - 1e-9)), false);
            INDArray scores = Tensors.rows(fitness.castTo(DataType.DOUBLE).reshape(n, 1), entrants).reshape(n, tournament);
            INDArray winner = Nd4j.argMax(scores, 1).castTo(DataType.DOUBLE); // column of the fittest entrant
            return Tensors.perAgent(entrants, winner.reshape(n, 1)).reshape(n);
        }
        long count = Math.max(1, Math.round(keep * n));
        INDArray ranked = Nd4j.sortWithIndices(fitness.castTo(DataType.DOUBLE).dup(), 0, false)[0];
        return pick(ranked.get(NDArrayIndex.interval(0, count)).castTo(DataType.DOUBLE), n, rng);
    }

    /** For each of n children, a parent drawn uniformly from {@code best}: indices [n]. */
    private static INDArray pick(INDArray best, long n, Random rng) {
        INDArray slot = Transforms.floor(Nd4j.rand(rng, n).castTo(DataType.DOUBLE).muli(best.length() * (1 - 1e-9)), false);
        return Tensors.rows(best.reshape(best.length(), 1), slot).reshape(n);
    }

    public static final class Factory implements LearnerFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, "evolution",
                "no gradients: at each lifetime's end the fittest share breed, with mutation and optional recombination",
                List.of(ParamSpec.choice("select", "truncation", new ParamType.ChoiceType(List.of(ParamType.Option.plain("truncation"),
                                ParamType.Option.with("tournament", "k", new ParamType.IntType(2, 1000)))),
                                "truncation: parents drawn from the best `keep` share; tournament(k): each parent the fittest of k drawn at random"),
                        ParamSpec.real("keep", 0.5, 1e-6, 1, "share of the population that becomes parents (truncation selection)"),
                        ParamSpec.real("mutation", 0.01, 0, 10, "chance a bit flips (bits), or the sd of the noise added to a weight"),
                        ParamSpec.choice("recombination", "none", new ParamType.ChoiceType(List.of(ParamType.Option.plain("none"),
                                ParamType.Option.plain("uniform"))), "none: one parent; uniform: each weight from one of two parents")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Learner create(ParamValues params) {
            return new Evolution(params);
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            for (PopulationSpec p : scenario.populations()) {
                if (p.learner() == self && p.lifetimeTicks() == 0) {
                    d.error("lifetime", self.span(), "evolution selects at the end of each lifetime, but `" + p.name() + "` lives forever",
                            "add e.g. `lifetime 1 tick` (one generation a tick)");
                }
            }
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("evolution").toInstance(new Factory());
        }
    }
}
