package org.sealedbox.runtime.box;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** The state of objects saved by path and put back in place: what a checkpoint relies on. */
class SnapshotTest {
    /** A plugin-like object: tensors (one shared), a view, a stream, numbers, a list of records, a lazily made part. */
    static final class Learner {
        final INDArray weights = Nd4j.zeros(DataType.FLOAT, 4, 3);
        final INDArray shared = weights; // the same tensor twice
        final INDArray row = weights.getRow(1); // a view into it
        final Random rng = Nd4j.getRandomFactory().getNewRandomInstance(7);
        int steps;
        double rate = 0.1;
        final List<Batch> seen = new ArrayList<>();
        Part lazy; // made on first use
        transient Object cache = new Object();
    }

    record Batch(INDArray x, String label) {}

    static final class Part {
        long count;
        INDArray state;
    }

    static Snapshot roundTrip(Snapshot s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.write(new DataOutputStream(bytes));
        return Snapshot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    static void advance(Learner l) {
        l.weights.addi(Nd4j.rand(l.rng, 4, 3));
        l.steps++;
        l.seen.add(new Batch(Nd4j.rand(l.rng, 2, 2), "tick " + l.steps));
        if (l.lazy == null) l.lazy = new Part();
        l.lazy.count += 2;
        l.lazy.state = l.weights.sum(0);
    }

    @Test
    void aRestoredObjectGoesOnExactlyAsTheOriginal() throws IOException {
        Learner a = new Learner();
        advance(a);
        advance(a);
        Snapshot saved = roundTrip(Snapshot.capture(Map.of("learner", a)));
        advance(a);

        Learner b = new Learner(); // rebuilt from scratch, as a box is
        Object cache = b.cache;
        INDArray weights = b.weights;
        saved.restore(Map.of("learner", b));
        assertSame(weights, b.weights, "restored in place");
        assertSame(b.weights, b.shared, "a tensor reached twice is still one tensor");
        assertEquals(2, b.steps);
        assertEquals(2, b.seen.size());
        assertEquals("tick 2", b.seen.get(1).label());
        assertNotNull(b.lazy, "a part made after the box was built is made again");
        assertEquals(4, b.lazy.count);
        assertSame(cache, b.cache, "transient fields are not saved");
        advance(b);
        assertEquals(a.weights, b.weights);
        assertEquals(a.row, b.row, "the view sees the restored tensor");
        assertEquals(a.rng.nextLong(), b.rng.nextLong(), "the random stream goes on from where it was");
        assertTrue(Snapshot.capture(Map.of("l", a)).differences(Snapshot.capture(Map.of("l", b)), 3).isEmpty());
    }

    @Test
    void aRandomStreamsStateIsItsWholeState() {
        Random r = Nd4j.getRandomFactory().getNewRandomInstance(42);
        Nd4j.rand(r, 100);
        r.nextGaussian();
        Snapshot s = Snapshot.capture(Map.of("r", r));
        INDArray next = Nd4j.rand(r, 1000);
        double gaussian = r.nextGaussian();
        Random fresh = Nd4j.getRandomFactory().getNewRandomInstance(1);
        s.restore(Map.of("r", fresh));
        assertEquals(next, Nd4j.rand(fresh, 1000));
        assertEquals(gaussian, fresh.nextGaussian());
    }

    @Test
    void somethingThatCannotBeSavedIsNamedByItsPath() {
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("clock", new java.util.concurrent.atomic.AtomicLong());
        Snapshot.Unsupported e = assertThrows(Snapshot.Unsupported.class, () -> Snapshot.capture(Map.of("judge", plugin)));
        assertTrue(e.getMessage().startsWith("cannot checkpoint `judge[clock]`, a java.util.concurrent.atomic.AtomicLong"), e.getMessage());
    }
}
