package org.sealedbox.plugins.judges;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.sealedbox.dsl.schema.Choice;

/** Test access to the package-private proxy errors. */
public final class ProxyErrorAccess {
    private final ProxyError error;

    private ProxyErrorAccess(ProxyError error) {
        this.error = error;
    }

    public static ProxyErrorAccess of(Choice c) {
        return new ProxyErrorAccess(new ProxyError(c));
    }

    public INDArray addTo(INDArray score, Random rng) {
        return error.addTo(score, rng);
    }
}
