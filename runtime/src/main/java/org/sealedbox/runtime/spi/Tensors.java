package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Small batched helpers plugins share. */
public final class Tensors {
    private Tensors() {}

    /** Rows of {@code source} [R, C] picked by {@code index} (any shape, integral values): [index.length, C]. */
    public static INDArray rows(INDArray source, INDArray index) {
        return Batched.rows(source, index);
    }

    /** The agents at {@code index} [M] of a tensor of any rank whose leading axis is the agent: [M, …], a copy. */
    public static INDArray agents(INDArray params, INDArray index) {
        long n = params.size(0);
        long[] shape = params.shape().clone();
        shape[0] = index.length();
        return rows(params.reshape(n, params.length() / n), index).reshape(shape);
    }

    /** The agents [{@code from}, {@code to}) of a tensor of any rank whose leading axis is the agent: a view. */
    public static INDArray agentRange(INDArray params, long from, long to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] index = new org.nd4j.linalg.indexing.INDArrayIndex[params.rank()];
        index[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < index.length; i++) index[i] = NDArrayIndex.all();
        return params.get(index);
    }

    /** Per agent, the entries of {@code values} [N, F] at {@code index} [N, P]: result [N, P]. */
    public static INDArray perAgent(INDArray values, INDArray index) {
        long n = index.size(0), p = index.size(1), f = values.size(1);
        INDArray offsets = Nd4j.arange(n).castTo(DataType.DOUBLE).muli(f).reshape(n, 1);
        INDArray flat = index.castTo(DataType.DOUBLE).addColumnVector(offsets);
        return rows(values.reshape(n * f, 1), flat).reshape(n, p);
    }

    /** Per agent, the rows of {@code values} [N, M, k] at {@code index} [N, P] (positions along M): result [N, P, k]. */
    public static INDArray perAgentRows(INDArray values, INDArray index) {
        long n = index.size(0), p = index.size(1), m = values.size(1), k = values.size(2);
        INDArray offsets = Nd4j.arange(n).castTo(DataType.DOUBLE).muli(m).reshape(n, 1);
        INDArray flat = index.castTo(DataType.DOUBLE).addColumnVector(offsets);
        return rows(values.reshape(n * m, k), flat).reshape(n, p, k);
    }

    /** [F, F] double: 1 on and above the diagonal, so that p · it is the cumulative sum of p's rows (cumsum along an axis is slow in ND4J). */
    public static INDArray upperOnes(long f) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, f, f);
        for (long i = 0; i < f; i++) m.get(NDArrayIndex.point(i), NDArrayIndex.interval(i, f)).assign(1.0);
        return m;
    }
}
