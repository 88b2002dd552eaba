package org.sealedbox.runtime.box;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NotesTest {
    static INDArray values(float... v) {
        return Nd4j.createFromArray(v).reshape(2, v.length / 2, 1);
    }

    /** Slots 0..C-1 of each agent: the x values, or NaN where empty. */
    static double[][] read(Notes notes) {
        double[][] out = new double[2][notes.capacity()];
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < notes.capacity(); c++) {
                out[n][c] = notes.valid().getDouble(n, c) > 0 ? notes.x().getDouble(n, c, 0) : Double.NaN;
            }
        }
        return out;
    }

    @Test
    void keepsEachAgentsMostRecentAcceptedNotes() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Notes notes = new Notes(2, 3, 1, 1);
        notes.write(values(1, 2, 11, 12), values(1, 2, 11, 12), Nd4j.createFromArray(new float[][] {{1, 0}, {1, 1}}), null);
        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN}, read(notes)[0]);
        assertArrayEquals(new double[] {11, 12, Double.NaN}, read(notes)[1]);
        notes.write(values(3, 4, 13, 14), values(3, 4, 13, 14), Nd4j.createFromArray(new float[][] {{1, 1}, {0, 1}}), null);
        assertArrayEquals(new double[] {3, 4, 1}, read(notes)[0], "new notes first, then the older ones");
        assertArrayEquals(new double[] {14, 11, 12}, read(notes)[1]);
        notes.write(values(5, 6, 15, 16), values(5, 6, 15, 16), Nd4j.createFromArray(new float[][] {{1, 1}, {0, 0}}), null);
        assertArrayEquals(new double[] {5, 6, 3}, read(notes)[0], "a full context forgets its oldest notes");
        assertArrayEquals(new double[] {14, 11, 12}, read(notes)[1], "nothing accepted, nothing changes");
        assertEquals(notes.x(), notes.y(), "answers travel with their situations");
    }
}
