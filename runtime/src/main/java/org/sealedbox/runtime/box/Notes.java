package org.sealedbox.runtime.box;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.runtime.spi.Batched;
import org.sealedbox.runtime.spi.Tensors;

/**
 * Each agent's notes: at most C (situation, answer) pairs, [N, C, D] and [N, C, k], with a validity mask [N, C].
 * Each agent's C slots are a ring: a new note goes into the slot after the previous one, over the oldest note once the
 * context is full, so an agent always holds its C most recent accepted notes. Which slot holds which note carries no
 * meaning (reading the notes is a mean over the valid ones). A write moves only the new notes, one row each
 * ({@link Batched#setRows}), however many notes each agent accepted; the notes already there stay where they are
 * (before, a merge sorted and gathered every agent's whole context each tick: half of a tick with notes).
 */
public final class Notes {
    private final int capacity;
    private final long agents;
    /**
     * [N·C + 1, D], [N·C + 1, k]: the notes agent by agent, slot by slot, then one spare row that receives whatever is
     * not kept (a rejected proposal, or one beyond the C newest of a tick). {@link #x()} and {@link #y()} are views of
     * the first N·C rows.
     */
    private final INDArray xRows, yRows;
    /**
     * [N] double: the slot each agent's next note goes into (its oldest note, once its context is full), and how many
     * notes it holds. A ring fills its slots from 0 on, so the slots that hold notes are the first {@code count}.
     */
    private final INDArray next, count;

    Notes(int agents, int capacity, int dims, int outputs) {
        this.capacity = capacity;
        this.agents = agents;
        long rows = (long) agents * capacity + 1;
        xRows = Nd4j.zeros(DataType.FLOAT, rows, dims);
        yRows = Nd4j.zeros(DataType.FLOAT, rows, outputs);
        next = Nd4j.zeros(DataType.DOUBLE, agents);
        count = Nd4j.zeros(DataType.DOUBLE, agents);
    }

    public int capacity() {
        return capacity;
    }

    /** [N, C, D]: a view of the notes' situations. */
    public INDArray x() {
        return slots(xRows).reshape(agents, capacity, xRows.size(1));
    }

    /** [N, C, k]: a view of the notes' answers. */
    public INDArray y() {
        return slots(yRows).reshape(agents, capacity, yRows.size(1));
    }

    /** [N, C]: 1 where a slot holds a note (slots below the agent's count; a new array). */
    public INDArray valid() {
        INDArray slot = Nd4j.arange(capacity).castTo(DataType.DOUBLE).reshape(1, capacity);
        return Nd4j.zeros(DataType.DOUBLE, agents, capacity).addiRowVector(slot).subiColumnVector(count.reshape(agents, 1))
                .lt(0.0).castTo(DataType.FLOAT);
    }

    private INDArray slots(INDArray rows) {
        return rows.get(NDArrayIndex.interval(0, agents * capacity), NDArrayIndex.all());
    }

    /**
     * Adds the accepted pairs ({@code accepted} [N, P]) of x [N, P, D] and y [N, P, k]; proposal 0 counts as the most
     * recent. A shared board (one row, {@code rng} given) pools every agent's: among the notes of one tick, which are
     * newest is drawn from {@code rng}, so that a board that cannot hold them all keeps a random subset rather than
     * favouring some agents.
     */
    void write(INDArray newX, INDArray newY, INDArray accepted, org.nd4j.linalg.api.rng.Random rng) {
        long pairs = newX.size(0) * newX.size(1), p = pairs / agents;
        INDArray keep = accepted.reshape(agents, p).castTo(DataType.DOUBLE);
        INDArray older = rng == null ? olderInRow(keep) : olderAtRandom(keep, rng);
        // of an agent that kept more than C this tick, only its C newest are written
        INDArray kept = keep.sum(1).reshape(agents, 1);
        INDArray skipped = Transforms.max(kept.sub((double) capacity), 0.0, false);
        INDArray j = older.subColumnVector(skipped); // the j-th written note of its agent, oldest first (written: j ≥ 0)
        INDArray written = j.gte(0.0).castTo(DataType.DOUBLE).muli(keep);
        INDArray slot = aroundTheRing(j.addiColumnVector(next.reshape(agents, 1))); // j slots after the agent's next one
        INDArray start = Nd4j.arange(agents).castTo(DataType.DOUBLE).muli(capacity).reshape(agents, 1);
        double spare = agents * capacity; // the row after every agent's slots
        INDArray index = slot.addiColumnVector(start).subi(spare).muli(written).addi(spare).reshape(pairs).castTo(DataType.INT);
        Batched.setRows(xRows, index, newX.reshape(pairs, newX.size(2)));
        Batched.setRows(yRows, index, newY.reshape(pairs, newY.size(2)));
        INDArray moved = kept.subi(skipped).reshape(agents);
        aroundTheRing(next.addi(moved));
        Transforms.min(count.addi(moved), capacity, false);
    }

    /** In place: slot numbers in [0, 2C) brought into [0, C). */
    private INDArray aroundTheRing(INDArray slots) {
        return slots.subi(slots.gte((double) capacity).castTo(DataType.DOUBLE).muli(capacity));
    }

    /** [N, P]: per pair, how many kept pairs of its agent are older (proposal 0 is the newest, the last the oldest). */
    private static INDArray olderInRow(INDArray keep) {
        return keep.mmul(Tensors.upperOnes(keep.size(1)).transpose()).subi(keep); // Σ over p' ≥ p, less itself
    }

    /** [1, M]: the same for the board's pooled pairs, their order of recency drawn at random. */
    private static INDArray olderAtRandom(INDArray keep, org.nd4j.linalg.api.rng.Random rng) {
        long m = keep.length();
        INDArray key = Nd4j.rand(rng, 1, m).castTo(DataType.DOUBLE).muli(keep).addi(keep.sub(1.0)); // rejected: −1
        INDArray order = Nd4j.sortWithIndices(key.dup(), 1, true)[0].reshape(m).castTo(DataType.INT); // the rejected first
        INDArray position = Nd4j.zeros(DataType.DOUBLE, m, 1);
        Batched.setRows(position, order, Nd4j.arange(m).castTo(DataType.DOUBLE).reshape(m, 1)); // each pair's place in that order
        return position.reshape(1, m).subi(m - keep.sumNumber().doubleValue());
    }
}
