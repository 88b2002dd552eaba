package org.sealedbox.runtime.spi;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
        long n = now.get(0).size(0);
        INDArray dist = null;
        double base = 0;
        for (int i = 0; i < now.size(); i++) {
            INDArray a = now.get(i).castTo(DataType.DOUBLE).reshape(n, -1);
            INDArray b = start.get(i).castTo(DataType.DOUBLE).reshape(1, -1);
            INDArray diff = a.subRowVector(b);
            INDArray sq = diff.muli(diff).sum(1);
            dist = dist == null ? sq : dist.addi(sq);
            base += b.mul(b).sumNumber().doubleValue();
        }
        if (base == 0) return dist.assign(Double.NaN);
        return Transforms.sqrt(dist, false).divi(Math.sqrt(base));
    }
}
