package org.sealedbox.runtime.box;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.ir.ObjectiveSpec;
import org.sealedbox.runtime.spi.Behaviour;
import org.sealedbox.runtime.spi.Judge;
import org.sealedbox.runtime.spi.Objectives;
import org.sealedbox.runtime.spi.Proposals;
import org.sealedbox.runtime.spi.World;

/**
 * The scenario's objectives over proposals' outcomes: {@code gold} is the world's quality of the answer plus what a
 * shortcut does to it; {@code proxy(j)} is judge j's score plus what a shortcut adds; {@code character} is 1 where the
 * agent declined a temptation. The one place outcomes are computed.
 */
final class ObjectiveEvaluator implements Objectives {
    private final Map<String, ObjectiveSpec> objectives;
    private final Map<String, Judge> judges;
    private final World world;
    private final Function<String, Judge.Context> contexts;

    /** @param contexts what a judge may consult when it scores proposals of this evaluator's population */
    ObjectiveEvaluator(Map<String, ObjectiveSpec> objectives, Map<String, Judge> judges, World world,
                       Function<String, Judge.Context> contexts) {
        this.objectives = objectives;
        this.judges = judges;
        this.world = world;
        this.contexts = contexts;
    }

    @Override
    public INDArray value(String name, Proposals p, String judgeAtHand) {
        ObjectiveSpec spec = objectives.get(name);
        if (spec == null) throw new IllegalArgumentException("no objective `" + name + "`");
        return eval(spec.expr(), p, judgeAtHand, name);
    }

    @Override
    public INDArray score(String judge, Proposals p) {
        Judge j = judges.get(judge);
        if (j == null) throw new IllegalArgumentException("no judge `" + judge + "`");
        return j.score(p, contexts.apply(judge));
    }

    @Override
    public String scorer(String name) {
        ObjectiveSpec spec = objectives.get(name);
        return spec == null || spec.judges().isEmpty() ? null : spec.judges().iterator().next();
    }

    /** The world's worth of each proposal [N, P]. */
    INDArray gold(Proposals p) {
        INDArray g = world.quality(p.fields(), world.truth(p.x()), p.label());
        Behaviour b = p.behaviour();
        return b == null ? g : g.addi(b.goldTerm());
    }

    /** What judge {@code judge} rewards for each proposal [N, P]: its score plus what shortcuts add. */
    INDArray proxy(String judge, Proposals p) {
        INDArray s = score(judge, p).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        Behaviour b = p.behaviour();
        return b == null ? s : s.add(b.proxyTerm());
    }

    private INDArray eval(ObjectiveSpec.Term t, Proposals p, String judgeAtHand, String name) {
        if (t instanceof ObjectiveSpec.Const c) return Nd4j.valueArrayOf(new long[] {p.agents(), p.count()}, (float) c.value());
        if (t instanceof ObjectiveSpec.Neg n) return eval(n.operand(), p, judgeAtHand, name).negi();
        if (t instanceof ObjectiveSpec.Binary b) {
            INDArray l = eval(b.left(), p, judgeAtHand, name), r = eval(b.right(), p, judgeAtHand, name);
            switch (b.op()) {
                case '+': return l.addi(r);
                case '-': return l.subi(r);
                case '*': return l.muli(r);
                default: return l.divi(r);
            }
        }
        ObjectiveSpec.Outcome o = (ObjectiveSpec.Outcome) t;
        switch (o.kind()) {
            case GOLD: return gold(p);
            case CHARACTER: return p.behaviour() == null ? Nd4j.ones(p.agents(), p.count()) : p.behaviour().character();
            default:
                String judge = o.judge() != null ? o.judge() : judgeAtHand;
                if (judge == null) {
                    throw new IllegalStateException("objective `" + name + "` reads a bare `proxy`, but no judge is at hand: "
                            + "name one, as in proxy(j)");
                }
                return proxy(judge, p);
        }
    }
}
