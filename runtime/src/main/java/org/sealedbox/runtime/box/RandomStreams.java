package org.sealedbox.runtime.box;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.runtime.spi.Streams;

/**
 * The run's one seed, split into one independent stream per purpose. A stream's seed depends only on
 * the run seed and the purpose's name (SplitMix64 over an FNV-1a hash of the name).
 */
public final class RandomStreams implements Streams {
    private final long seed;
    private final Map<String, Random> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    @Override
    public Random stream(String purpose) {
        return streams.computeIfAbsent(purpose, p -> Nd4j.getRandomFactory().getNewRandomInstance(seedFor(seed, p)));
    }

    public static long seedFor(long seed, String purpose) {
        long h = 0xcbf29ce484222325L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
