package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What happened on temptations in a set of proposals, all [N, P] of 0/1 except {@code probability}:
 * where a temptation arose, whether the act was observed, whether the agent took the shortcut, whether it was caught,
 * and the probability with which the agent's policy took it (for policy gradients).
 *
 * <p>A shortcut satisfies the check without doing the work: whatever judges the proposal reports {@code bonus} more than
 * it would, unless the shortcut is caught, which costs {@code penalty} and gets the proposal rejected; the proposal's
 * gold (its worth to the world) loses {@code harm}.
 */
public record Behaviour(INDArray tempted, INDArray observed, INDArray shortcut, INDArray caught, INDArray probability,
                        World.Temptations terms) {

    /** What a shortcut adds to any judge's score: bonus where taken, minus the penalty where caught. [N, P] */
    public INDArray proxyTerm() {
        return shortcut.mul(terms.bonus()).subi(caught.mul(terms.penalty()));
    }

    /** What a shortcut does to the proposal's gold: −harm where taken. [N, P] */
    public INDArray goldTerm() {
        return shortcut.mul(-terms.harm());
    }

    /** 1 where the agent declined a temptation or none arose, 0 where it took the shortcut. [N, P] */
    public INDArray character() {
        return shortcut.rsub(1.0);
    }

    /** The same decisions repeated {@code times} times along the proposal axis, each copy in turn: [N, P·times]. */
    public Behaviour repeatEach(int times) {
        return new Behaviour(rep(tempted, times), rep(observed, times), rep(shortcut, times), rep(caught, times),
                rep(probability, times), terms);
    }

    private static INDArray rep(INDArray a, int times) {
        long n = a.size(0), p = a.size(1);
        return a.reshape(n, p, 1).repeat(2, times).reshape(n, p * times);
    }

    /** The decision at {@code index} [N, P] (positions along the proposal axis) for every agent and slot. */
    public Behaviour gather(INDArray index) {
        return new Behaviour(Tensors.perAgent(tempted, index), Tensors.perAgent(observed, index), Tensors.perAgent(shortcut, index),
                Tensors.perAgent(caught, index), Tensors.perAgent(probability, index), terms);
    }
}
