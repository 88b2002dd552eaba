package org.example.surprise;

import org.sealedbox.plugins.contracts.LearnerContract;

/** The same contract every standard learner passes: shapes, determinism, finiteness, agents independent, parameters. */
class SurpriseContractTest extends LearnerContract {
    @Override
    protected String learner() {
        return "surprise lr 0.05 threshold 0.001";
    }
}
