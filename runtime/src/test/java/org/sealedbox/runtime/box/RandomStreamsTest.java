package org.sealedbox.runtime.box;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RandomStreamsTest {
    @Test
    void aStreamDependsOnlyOnTheSeedAndItsPurpose() {
        assertEquals(RandomStreams.seedFor(7, "world"), RandomStreams.seedFor(7, "world"));
        assertNotEquals(RandomStreams.seedFor(7, "world"), RandomStreams.seedFor(7, "proposals:llm"));
        assertNotEquals(RandomStreams.seedFor(7, "world"), RandomStreams.seedFor(8, "world"));
    }

    @Test
    void drawingFromOneStreamDoesNotShiftAnother() {
        RandomStreams a = new RandomStreams(3), b = new RandomStreams(3);
        Nd4j.rand(a.stream("judge:extra"), 100); // a new feature drawing numbers in run a only
        assertEquals(Nd4j.rand(a.stream("world"), 5), Nd4j.rand(b.stream("world"), 5));
    }
}
