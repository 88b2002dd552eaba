package org.sealedbox.runtime.box;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.sealedbox.runtime.spi.Judge;
import org.sealedbox.runtime.spi.Proposals;

/**
 * {@code all(a, b, …)}: a proposal is accepted when every judge accepts it, with the first judge's label.
 * {@code any(a, b, …)}: when at least one accepts it, with the label of the first judge that accepts it.
 * Every part judges every proposal (each with the combined judge's random stream, in order), so a part's
 * budget is spent whether or not another part would have refused.
 */
final class CombinedJudge implements Judge {
    private final boolean all;
    private final List<Judge> parts;

    CombinedJudge(boolean all, List<Judge> parts) {
        this.all = all;
        this.parts = List.copyOf(parts);
    }

    @Override
    public boolean agentLocal() {
        return parts.stream().allMatch(Judge::agentLocal);
    }

    @Override
    public Verdict judge(Proposals proposals, Context context) {
        Verdict first = parts.get(0).judge(proposals, context);
        INDArray accepted = first.accepted().dup();
        INDArray labels = first.labels().dup();
        INDArray labelled = first.accepted().dup(); // [N, P]: 1 where a label has been chosen (any)
        for (Judge part : parts.subList(1, parts.size())) {
            Verdict v = part.judge(proposals, context);
            if (all) {
                accepted.muli(v.accepted());
            } else {
                // take this part's label where it accepts and no earlier part did
                INDArray take = v.accepted().mul(labelled.rsub(1.0));
                INDArray delta = v.labels().sub(labels);
                Broadcast.mul(delta, take, delta, 0, 1);
                labels.addi(delta);
                labelled.addi(take);
                accepted = accepted.add(v.accepted()).gt(0.5).castTo(accepted.dataType());
            }
        }
        return new Verdict(accepted, labels);
    }
}
