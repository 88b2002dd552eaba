package org.sealedbox.runtime.box;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.runtime.spi.Scratch;
import org.sealedbox.runtime.spi.Tensors;

/**
 * Each agent's notes: at most C (situation, answer) pairs, [N, C, D] and [N, C, k], with a validity mask [N, C].
 * Slot 0 holds the most recent note. Writing keeps, per agent, the C most recent valid notes among the old ones and
 * the newly accepted ones (the oldest are forgotten when the context is full) — one batched sort and gather, however
 * many notes each agent accepted this tick.
 */
public final class Notes {
    private final int capacity;
    private INDArray x, y, valid;

    Notes(int agents, int capacity, int dims, int outputs) {
        this.capacity = capacity;
        x = Nd4j.zeros(DataType.FLOAT, agents, capacity, dims);
        y = Nd4j.zeros(DataType.FLOAT, agents, capacity, outputs);
        valid = Nd4j.zeros(DataType.FLOAT, agents, capacity);
    }

    public int capacity() {
        return capacity;
    }

    public INDArray x() {
        return x;
    }

    public INDArray y() {
        return y;
    }

    /** [N, C]: 1 where a slot holds a note. */
    public INDArray valid() {
        return valid;
    }

    /**
     * Adds the accepted pairs ({@code accepted} [N, P]) of x [N, P, D] and y [N, P, k]. A shared board (one row)
     * pools every agent's; among the notes of one tick, which are newest is drawn from {@code rng}, so that a board
     * that cannot hold them all keeps a random subset rather than favouring some agents.
     */
    void write(INDArray newX, INDArray newY, INDArray accepted, org.nd4j.linalg.api.rng.Random rng) {
        if (x.size(0) == 1 && newX.size(0) > 1) {
            long pooled = newX.size(0) * newX.size(1);
            newX = newX.reshape(1, pooled, newX.size(2));
            newY = newY.reshape(1, pooled, newY.size(2));
            accepted = accepted.reshape(1, pooled);
        }
        // agent by agent in blocks, so that the merge's temporaries ([block, C + P, D] twice) stay a bounded size
        // however many agents there are (all at once they were twice the notes themselves)
        INDArray nX = newX, nY = newY, ok = accepted;
        Scratch.byAgents("notes", x.size(0), (capacity + newX.size(1)) * (x.size(2) + y.size(2) + 1), rows -> {
            INDArrayIndex all = NDArrayIndex.all();
            merge(x.get(rows, all, all), y.get(rows, all, all), valid.get(rows, all),
                    nX.get(rows, all, all), nY.get(rows, all, all), ok.get(rows, all), rng);
        });
    }

    /** {@link #write} for the agents of one block: x, y, valid and the new ones are views of that block's rows. */
    private void merge(INDArray x, INDArray y, INDArray valid, INDArray newX, INDArray newY, INDArray accepted,
                       org.nd4j.linalg.api.rng.Random rng) {
        long n = x.size(0), p = newX.size(1), total = capacity + p;
        INDArray allX = Nd4j.concat(1, x, newX.castTo(DataType.FLOAT));
        INDArray allY = Nd4j.concat(1, y, newY.castTo(DataType.FLOAT));
        INDArray allValid = Nd4j.concat(1, valid, accepted.castTo(DataType.FLOAT));
        // recency: new notes (P, P−1, … above every old one) before old ones (slot 0 newest); invalid ones last
        INDArray oldRecency = Nd4j.arange(capacity).castTo(DataType.FLOAT).rsubi(capacity);   // C, C−1, …, 1
        INDArray newRecency = rng == null ? Nd4j.arange(p).castTo(DataType.FLOAT).rsubi(total)   // C+P, …, C+1
                : Nd4j.rand(rng, p).castTo(DataType.FLOAT).muli(p * 0.999).addi(capacity + 1);    // in (C, C+P), random order
        INDArray recency = Nd4j.concat(1, oldRecency.reshape(1, capacity), newRecency.reshape(1, p)).repeat(0, n).reshape(n, total);
        INDArray key = recency.mul(allValid).addi(allValid.sub(1.0)); // invalid → -1
        INDArray order = Nd4j.sortWithIndices(key, 1, false)[0]; // [N, C+P] indices, most recent first
        INDArray keep = order.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, capacity))
                .castTo(DataType.DOUBLE);
        INDArray flat = keep.addColumnVector(Nd4j.arange(n).castTo(DataType.DOUBLE).muli(total).reshape(n, 1));
        x.assign(Tensors.rows(allX.reshape(n * total, x.size(2)), flat).reshape(x.shape()));
        y.assign(Tensors.rows(allY.reshape(n * total, y.size(2)), flat).reshape(y.shape()));
        valid.assign(Tensors.rows(allValid.reshape(n * total, 1), flat).reshape(valid.shape()));
    }
}
