package org.sealedbox.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObjectLoopTest {
    /**
     * Pretraining on fields 0..5 learns them (accuracy near 1) and not the new fields: of a new field f only the
     * ancestors' blocks in fields 0..5 are known, a share Σ_{b ≤ 5} 0.49^(f−b) / Σ_{b ≤ f} 0.49^(f−b) of its variance:
     * about 0.49 for field 6, next to nothing for the last ones (0.053 on average over fields 6..23).
     */
    @Test
    void pretrainingLearnsTheHumanFieldsOnly() {
        SplittableRandom random = new SplittableRandom(1);
        ObjectLoop.World world = new ObjectLoop.World(random);
        ObjectLoop.Linear model = new ObjectLoop.Linear();
        double[] exposure = ObjectLoop.pretrain(model, world, random);
        double[] accuracy = model.fieldAccuracy(world);
        for (int f = 0; f < 6; f++) assertTrue(accuracy[f] > 0.99, "field " + f + ": " + accuracy[f]);
        double variance6 = 0; // E[y²] of field 6: Σ_b amplitude², the teacher being of unit norm in every block
        for (int b = 0; b <= 6; b++) variance6 += Math.pow(0.49, 6 - b);
        assertEquals(1 - 1 / variance6, accuracy[6], 0.01, "field 6 knows its ancestors' share of its variance");
        assertTrue(accuracy[23] < 1e-4, "field 23: " + accuracy[23]);
        // a human example of field f exposes block 0 by its amplitude squared, 0.49^f: Σ_f 0.49^f / 6 per example on average
        double perExample = 0;
        for (int f = 0; f < 6; f++) perExample += Math.pow(0.49, f) / 6;
        assertEquals(20_000 * perExample, exposure[0], 20_000 * perExample * 0.03);
        assertEquals(0, exposure[6]);
    }

    /** The weights boxes move away from the pretrained weights; the notes boxes never change their weights. */
    @Test
    void aFewTicksOfEachLinearBox() {
        var weights = ObjectLoop.run(new ObjectLoop.Config("linear", false, 200, 0, 5, 7));
        assertTrue(weights.accuracyHuman() > 0.95, weights.toJson());
        assertTrue(weights.accuracyNew() < 0.2, weights.toJson());
        assertTrue(weights.drift() > 0, weights.toJson());

        var notes = ObjectLoop.run(new ObjectLoop.Config("linear", true, 200, 0, 5, 7));
        assertTrue(notes.accuracyHuman() > 0.95, notes.toJson());
        assertTrue(notes.accuracyNew() < 0.2, notes.toJson());
        assertEquals(0.0, notes.drift(), notes.toJson());
        assertTrue(notes.toJson().startsWith("{\"impl\": \"objects\", \"model\": \"linear\", \"notes\": true, \"agents\": 200,"),
                notes.toJson());
    }
}
