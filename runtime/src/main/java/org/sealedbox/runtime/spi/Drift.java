package org.sealedbox.runtime.spi;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** How far a population's agents have moved from their pretrained weights. */
public final class Drift {
    private Drift() {}

    /**
     * ‖θ − θ₀‖ / ‖θ₀‖ per agent [N], double, over all the model's weights (and the shortcut policy's too, with
     * {@code withPolicy}), θ₀ the pretrained weights. NaN where the pretrained weights are all 0.
     */
    public static INDArray relative(PopulationView pop, boolean withPolicy) {
        List<INDArray> now = new ArrayList<>(pop.model().params()), start = new ArrayList<>(pop.pretrained().params());
        if (withPolicy && pop.policy() != null) {
            now.add(pop.policy().weights());
            start.add(pop.pretrainedPolicy().weights());
        }
        long n = now.get(0).size(0), weights = 0;
        double base = 0;
        List<INDArray> pretrained = new ArrayList<>(); // each in double, one row: what every block subtracts
        for (INDArray p : start) {
            INDArray b = p.castTo(DataType.DOUBLE).reshape(1, -1);
            pretrained.add(b);
            base += b.mul(b).sumNumber().doubleValue();
            weights += b.length();
        }
        // by blocks of agents: each weight tensor's difference and its square are [N, ·] in double
        INDArray dist = Scratch.perAgent("drift", n, 4 * weights, DataType.DOUBLE, 1, rows -> {
            INDArray sum = null;
            for (int i = 0; i < now.size(); i++) {
                INDArray a = now.get(i).reshape(n, -1).get(rows, NDArrayIndex.all()).castTo(DataType.DOUBLE);
                INDArray diff = a.subRowVector(pretrained.get(i));
                INDArray sq = diff.muli(diff).sum(1);
                sum = sum == null ? sq : sum.addi(sq);
            }
            return sum;
        }).reshape(n);
        if (base == 0) return dist.assign(Double.NaN);
        return Transforms.sqrt(dist, false).divi(Math.sqrt(base));
    }
}
