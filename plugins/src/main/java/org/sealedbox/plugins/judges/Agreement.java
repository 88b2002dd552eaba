package org.sealedbox.plugins.judges;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Shared arithmetic of judges that compare answers. */
final class Agreement {
    private Agreement() {}

    /** [N, P]: 1 where two answers [N, P, k] differ by at most {@code tolerance} in every output. */
    static INDArray within(INDArray a, INDArray b, double tolerance) {
        INDArray gap = Transforms.abs(a.sub(b), false).max(2);
        return gap.lte(tolerance).castTo(DataType.FLOAT);
    }
}
