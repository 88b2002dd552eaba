#!/usr/bin/env python3
"""The bench's box, written by hand in NumPy: the baseline `sealedbox bench` compares the engine with.

What it computes (the box of bench/boxes/*.box, the physics of the engine's Java code, re-implemented):

  world `concepts`  24 fields x 16 inputs (D = 384), chain prerequisites (f needs f-1). A situation of field f has
                    random +-1 entries in block f and in each ancestor's block, scaled by 0.7^hops; the truth is a
                    hidden linear teacher [k=1, D] with unit norm per block. Human data: situations of fields 0..5,
                    labelled with the truth plus N(0, 0.1^2) noise.
  pretraining       ONE model is trained by minibatch SGD on 20000 human examples (batch 32, lr 0.02, 5 passes in
                    order) and copied to every agent; its exposure (below) is every agent's starting exposure.
  models            linear: theta [N, 1, D] (starts at 0); mlp: W1 [N, 64, D], b1 [N, 64], W2 [N, 1, 64], b2 [N, 1]
                    with ReLU (init randn/sqrt(fan-in), biases 0). Loss 1/2 sum_b mask_b (f(x_b) - y_b)^2 / B.
  confidence        familiarity: block b's familiarity is e_b / (e_b + 100), e_b the agent's exposure (sum over
                    what it trained on, or noted, of the block's share |x_b|^2 / 16); a field's confidence is the
                    familiarity of its blocks weighted by their energy in its situations. Mastered: >= 0.8.
  one tick          every agent proposes 8 situations at its believed frontier (fields it does not believe mastered
                    whose prerequisites it believes mastered, uniformly; anywhere when there are none), answers with
                    its prediction + N(0, 0.5^2), reports its confidence in the field + N(0, 0.1^2) clipped to
                    [0, 1]; the judge keeps the proposals with confidence >= 0.5 ("whatever seems right"), and then
                    - without --notes: one SGD step (lr 0.05) on the kept answers, the gradient being the masked
                      mean over all 8 slots; exposure grows by what was kept;
                    - with --notes: the kept (situation, answer) pairs go into the agent's notes (its 64 most recent
                      ones are kept); the weights never change. Before answering (and when measured) an agent
                      adapts a copy of its weights by one gradient step (lr 0.05) on the mean over its valid notes.
  measures          accuracy(human) and accuracy(new): 1 - MSE/Var per field, mean over fields 0..5 (resp. 6..23)
                    and over agents, of the model that answers (the adapted one with notes). Exact for the linear
                    model (the situations' covariance is block-diagonal); on 64 fixed held-out situations per field
                    for the mlp. drift: ||w - w0|| / ||w0|| over all weights, w0 the pretrained ones, mean over
                    agents.

Everything is batched over the agents (einsum / matmul / broadcasting over a leading agent axis), float32 like the
engine (the measures in float64, like the engine's); there is no Python loop over agents. Random numbers come from
numpy.random.default_rng(seed): the same distributions as the engine's, not its streams, so the numbers agree with
the engine's statistically, not bit for bit.

Run (numpy and the standard library only; BLAS is pinned to one thread before numpy is imported):

    python3 bench/numpy_box.py --agents 1000 --model linear --warmup 10 --ticks 20 --seed 7
    python3 bench/numpy_box.py --agents 1000 --model mlp --notes --warmup 10 --ticks 20 --seed 7

It builds the world, pretrains, makes the population, runs the warm-up ticks (untimed), then the timed ticks, then
measures once, and prints one line of JSON on stdout (diagnostics go to stderr):

    {"impl": "numpy", "model": "linear", "notes": false, "agents": N, "warmup": W, "ticks": T,
     "seconds": <wall seconds of the T timed ticks>, "agent_ticks_per_second": N*T/seconds,
     "accuracy_human": .., "accuracy_new": .., "drift": .., "peak_memory_bytes": <ru_maxrss of the process>}

The box is the same as `./sealedbox run bench/boxes/<box>.box --set llm.count=N --set duration="W+T months"`, whose
last row of metrics.csv this line's accuracies and drift should agree with (within sampling noise).
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core, like the engine (OMP_NUM_THREADS=1)

import argparse
import json
import resource
import sys
import time

import numpy as np

F32 = np.float32

# The box (bench/boxes/*.box) and the plugins' defaults it relies on.
FIELDS, WIDTH = 24, 16            # world concepts fields 24 width 16
DIMS = FIELDS * WIDTH             # D = 384
OUTPUTS = 1                       # k
ALPHA = 0.7                       # amplitude per hop of prerequisite
HUMAN_FIELDS = range(0, 6)        # human 0..5
HUMAN_NOISE = 0.1
HELD_OUT = 64                     # held-out situations per field (for the mlp's accuracy)
PRETRAIN_SAMPLES, PRETRAIN_EPOCHS, PRETRAIN_BATCH, PRETRAIN_LR = 20000, 5, 32, 0.02
HIDDEN = 64                       # model mlp hidden 64
HALF, MASTERED, CONFIDENCE_NOISE = 100.0, 0.8, 0.1   # confidence familiarity half 100 mastered 0.8 (noise 0.1)
PROPOSALS, ANSWER_NOISE = 8, 0.5  # proposes 8 at frontier noise 0.5
THRESHOLD = 0.5                   # judge self_confidence threshold 0.5
SFT_LR = 0.05                     # learner sft lr 0.05 (steps 1, batch 0: all 8 slots in one step, replay 0)
CONTEXT, CONTEXT_LR = 64, 0.05    # learner context  context 64 steps 1 lr 0.05
HELD_OUT_CHUNK = 256              # agents per block when measuring the mlp on the held-out set (bounds memory)


# the +-1 signs of the 8 bits of every byte value, [256, 8]: bit 1 -> -1
SIGNS_OF_BYTE = 1 - 2 * np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1).astype(F32)


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------------------- world

class World:
    """World `concepts` with chain prerequisites: the teacher, the situations' amplitudes, exposure and exact errors."""

    def __init__(self, rng):
        f = np.arange(FIELDS)
        hops = f[:, None] - f[None, :]                     # chain: block b is an ancestor of f at f - b hops
        self.amplitude = np.where(hops >= 0, ALPHA ** np.maximum(hops, 0), 0.0).astype(F32)   # [F, F]
        self.energy = self.amplitude * self.amplitude      # [F, F]: share of block b in E|x|^2 of field f / width
        self.prerequisites = np.zeros((FIELDS, FIELDS), F32)
        self.prerequisites[f[1:], f[1:] - 1] = 1.0         # prerequisites[f, g] = 1: f needs g
        self.human = np.zeros(FIELDS, bool)
        self.human[list(HUMAN_FIELDS)] = True

        w = rng.standard_normal((OUTPUTS, FIELDS, WIDTH), dtype=F32)
        w /= np.sqrt(np.sum(w * w, axis=2, keepdims=True))
        self.teacher = w.reshape(OUTPUTS, DIMS)            # [k, D], unit norm per block
        block_norm = np.sum(np.square(self.teacher.astype(np.float64)).reshape(OUTPUTS, FIELDS, WIDTH), axis=(0, 2))
        self.variance = self.energy.astype(np.float64) @ block_norm      # [F]: E[y^2] of each field's situations

        # fixed held-out situations, HELD_OUT of each field in field order (the mlp's accuracy is measured on them)
        self.held_fields = np.repeat(f, HELD_OUT)
        self.held_x = self.situations(self.held_fields, rng)            # [M, D]
        self.held_y = self.held_x @ self.teacher.T                      # [M, k]

    def situations(self, fields, rng, out=None):
        """Situations of the given fields (any shape S): [*S, D], random +-1 entries times the field's amplitudes
        (into `out` when given)."""
        x = np.empty(fields.shape + (DIMS,), F32) if out is None else out
        # a random sign for every entry, +1 or -1 with probability 1/2 each (the engine's sign(rand - 0.5)), drawn as
        # random bytes, each byte the signs of 8 entries
        random_bytes = rng.integers(0, 256, size=fields.shape + (DIMS // 8,), dtype=np.uint8)
        np.take(SIGNS_OF_BYTE, random_bytes, axis=0, out=x.reshape(random_bytes.shape + (8,)), mode="clip")  # (clip:
        # the indices are in range anyway, and take writes into `out` directly instead of through a buffer)
        blocks = x.reshape(fields.shape + (FIELDS, WIDTH))                 # a view of x
        blocks *= self.amplitude[fields][..., None]        # block b of a situation of field f: times amplitude[f, b]
        return x

    def human_data(self, n, rng):
        """n human examples: situations of the human fields (uniform), the truth plus N(0, HUMAN_NOISE^2)."""
        lo, count = HUMAN_FIELDS.start, len(HUMAN_FIELDS)
        fields = np.floor(rng.random(n, dtype=F32) * (count * (1 - 1e-7))).astype(np.int64) + lo
        x = self.situations(fields, rng)                   # [n, D]
        y = x @ self.teacher.T + rng.standard_normal((n, OUTPUTS), dtype=F32) * F32(HUMAN_NOISE)
        return x, y

    def block_exposure(self, x):
        """x [..., D] -> the share of each block in |x|^2: [..., F] (sum over the block of x^2 / width)."""
        return np.einsum('...fw,...fw->...f', x.reshape(x.shape[:-1] + (FIELDS, WIDTH)),
                         x.reshape(x.shape[:-1] + (FIELDS, WIDTH))) / F32(WIDTH)

    def linear_field_mse(self, theta):
        """Exact E_x[(theta x - truth)^2] per agent and field [N, F], float64, for linear beliefs theta [N, k, D]."""
        diff = theta.astype(np.float64) - self.teacher.astype(np.float64)
        block_err = np.square(diff).sum(axis=1).reshape(len(theta), FIELDS, WIDTH).sum(axis=2)   # [N, F]
        return block_err @ self.energy.astype(np.float64).T


# ---------------------------------------------------------------------------------------------------------- models

class Linear:
    """Model `linear`: theta [N, k, D]. predict returns (prediction, cache) so that a gradient at the same weights
    can reuse the forward pass."""

    def __init__(self, theta):
        self.theta = theta

    @staticmethod
    def fresh(n, rng):
        return Linear(np.zeros((n, OUTPUTS, DIMS), F32))   # init 0

    @property
    def params(self):
        return [self.theta]

    def predict(self, x):                                  # x [N, B, D] -> [N, B, k]
        pred = np.einsum('nbd,nkd->nbk', x, self.theta)
        return pred, pred

    def gradient(self, x, y, mask, cache=None):
        """Gradient of 1/2 sum_b mask_b (theta x_b - y_b)^2 / B (B = all slots, kept or not)."""
        pred = self.predict(x)[0] if cache is None else cache
        err = (pred - y) * mask[:, :, None]                # [N, B, k]
        return [np.einsum('nbk,nbd->nkd', err, x) / F32(x.shape[1])]

    def field_mse(self, world):
        return world.linear_field_mse(self.theta), world.variance


class Mlp:
    """Model `mlp hidden 64`: W1 [N, h, D], b1 [N, h], W2 [N, k, h], b2 [N, k], ReLU, backpropagation by hand."""

    def __init__(self, w1, b1, w2, b2):
        self.w1, self.b1, self.w2, self.b2 = w1, b1, w2, b2

    @staticmethod
    def fresh(n, rng):
        w1 = rng.standard_normal((n, HIDDEN, DIMS), dtype=F32) * F32(1 / np.sqrt(DIMS))
        w2 = rng.standard_normal((n, OUTPUTS, HIDDEN), dtype=F32) * F32(1 / np.sqrt(HIDDEN))
        return Mlp(w1, np.zeros((n, HIDDEN), F32), w2, np.zeros((n, OUTPUTS), F32))

    @property
    def params(self):
        return [self.w1, self.b1, self.w2, self.b2]

    def predict(self, x):                                  # x [N, B, D] -> [N, B, k]
        z = np.matmul(x, self.w1.transpose(0, 2, 1))       # [N, B, h]
        z += self.b1[:, None, :]
        h = np.maximum(z, 0)
        out = np.matmul(h, self.w2.transpose(0, 2, 1))     # [N, B, k]
        out += self.b2[:, None, :]
        return out, (z, h, out)

    def gradient(self, x, y, mask, cache=None):
        """Gradient of 1/2 sum_b mask_b (f(x_b) - y_b)^2 / B with respect to W1, b1, W2, b2."""
        z, h, out = self.predict(x)[1] if cache is None else cache
        e = (out - y) * (mask[:, :, None] / F32(x.shape[1]))        # [N, B, k]
        dw2 = np.matmul(e.transpose(0, 2, 1), h)                     # [N, k, h]
        db2 = e.sum(axis=1)                                          # [N, k]
        dz = np.matmul(e, self.w2)                                   # [N, B, h]
        dz *= z > 0
        dw1 = np.matmul(dz.transpose(0, 2, 1), x)                    # [N, h, D]
        db1 = dz.sum(axis=1)                                         # [N, h]
        return [dw1, db1, dw2, db2]

    def field_mse(self, world):
        """MSE per agent and field [N, F] and E[y^2] per field [F] on the world's held-out situations, float64."""
        n, m = len(self.w1), len(world.held_x)
        onehot = np.zeros((m, FIELDS))
        onehot[np.arange(m), world.held_fields] = 1.0
        sq = np.empty((n, m))
        for lo in range(0, n, HELD_OUT_CHUNK):             # blocks of agents, only to bound the memory of z
            hi = min(n, lo + HELD_OUT_CHUNK)
            z = np.matmul(self.w1[lo:hi], world.held_x.T)  # [n', h, M]: every agent on the same situations
            z += self.b1[lo:hi, :, None]
            out = np.matmul(self.w2[lo:hi], np.maximum(z, 0))          # [n', k, M]
            out += self.b2[lo:hi, :, None]
            err = out.astype(np.float64) - world.held_y.T.astype(np.float64)[None]
            sq[lo:hi] = np.square(err).sum(axis=1)
        y = world.held_y.astype(np.float64)
        return sq @ onehot / HELD_OUT, np.square(y).sum(axis=1) @ onehot / HELD_OUT


MODELS = {"linear": Linear, "mlp": Mlp}


def step(model, grads, lr):
    """One step of gradient descent, in place: w -= lr * grad for every parameter."""
    for w, g in zip(model.params, grads):
        g *= F32(lr)
        w -= g


def pretrain(world, model_class, rng):
    """Human pretraining of ONE model: minibatch SGD over the human data in order, PRETRAIN_EPOCHS passes.
    Returns the model [1, ...] and its exposure [F] (every example counts, once)."""
    x, y = world.human_data(PRETRAIN_SAMPLES, rng)
    model = model_class.fresh(1, rng)
    exposure = world.block_exposure(x).sum(axis=0)         # [F]
    ones = np.ones((1, PRETRAIN_BATCH), F32)
    for _ in range(PRETRAIN_EPOCHS):
        for lo in range(0, PRETRAIN_SAMPLES, PRETRAIN_BATCH):
            xb, yb = x[None, lo:lo + PRETRAIN_BATCH], y[None, lo:lo + PRETRAIN_BATCH]
            step(model, model.gradient(xb, yb, ones[:, :xb.shape[1]]), PRETRAIN_LR)
    return model, exposure


# ------------------------------------------------------------------------------------------------------ population

class Population:
    """N agents: their weights (copies of the pretrained model), exposure [N, F] and, with notes, their notes."""

    def __init__(self, n, world, pretrained, pretrained_exposure, notes):
        self.n, self.world, self.pretrained = n, world, pretrained
        self.model = type(pretrained)(*[np.repeat(w, n, axis=0) for w in pretrained.params])
        self.exposure = np.repeat(pretrained_exposure[None, :], n, axis=0)   # [N, F]
        conf_weights = world.energy / world.energy.sum(axis=1, keepdims=True)
        self.conf_weights_t = np.ascontiguousarray(conf_weights.T)          # familiarity [N, F] @ this -> [N, F]
        self.x = np.empty((n, PROPOSALS, DIMS), F32)       # each tick's situations (nothing keeps them past the tick)
        self.notes = notes
        if notes:
            # each agent's notes as a ring buffer: its CONTEXT most recent accepted pairs (which slot holds which
            # note does not matter: the adaptation is a mean over the valid ones)
            self.notes_x = np.zeros((n, CONTEXT, DIMS), F32)
            self.notes_y = np.zeros((n, CONTEXT, OUTPUTS), F32)
            self.notes_count = np.zeros(n, np.int64)       # valid notes, <= CONTEXT
            self.notes_next = np.zeros(n, np.int64)        # the slot the next note goes into (the oldest one when full)

    # confidence familiarity
    def field_confidence(self):
        familiarity = self.exposure / (self.exposure + F32(HALF))
        return familiarity @ self.conf_weights_t           # [N, F]

    def effective(self):
        """The model that answers: the weights, or with notes a copy adapted by one gradient step on the notes."""
        if not self.notes:
            return self.model
        valid = (np.arange(CONTEXT)[None, :] < self.notes_count[:, None]).astype(F32)     # [N, C]
        grads = self.model.gradient(self.notes_x, self.notes_y, valid)   # mean over all C slots ...
        count = self.notes_count.astype(F32)
        # ... rescaled to the mean over the valid ones; an agent with no notes does not move
        scale = np.where(count > 0, F32(CONTEXT) / np.maximum(count, 1), 0).astype(F32) * F32(CONTEXT_LR)
        adapted = []
        for w, g in zip(self.model.params, grads):
            g *= scale.reshape((self.n,) + (1,) * (g.ndim - 1))
            adapted.append(np.subtract(w, g, out=g))
        return type(self.model)(*adapted)

    def propose(self, rng):
        """8 proposals per agent at its believed frontier: the situations x [N, P, D], the answering model's forward
        pass (to reuse in a gradient at the same weights), its answers (labels) [N, P, k] and confidences [N, P]."""
        world = self.world
        conf = self.field_confidence()                                   # [N, F]
        not_mastered = (conf < F32(MASTERED)).astype(F32)
        unmet = not_mastered @ world.prerequisites.T       # [N, F]: prerequisites not believed mastered
        frontier = not_mastered * (unmet < 0.5)
        none = frontier.sum(axis=1, keepdims=True) < 0.5   # believes it has mastered everything: anywhere
        allowed = frontier + none
        # uniform among the allowed fields: the index drawn is the number of cdf entries below u
        allowed = allowed.astype(np.float64)
        cdf = np.cumsum(allowed / allowed.sum(axis=1, keepdims=True), axis=1)
        u = rng.random((self.n, PROPOSALS), dtype=F32).astype(np.float64)
        fields = np.minimum((cdf[:, None, :] < u[:, :, None]).sum(axis=2), FIELDS - 1)        # [N, P]
        x = world.situations(fields, rng, out=self.x)      # [N, P, D]
        model = self.effective()
        prediction, cache = model.predict(x)               # [N, P, k]
        label = prediction + rng.standard_normal(prediction.shape, dtype=F32) * F32(ANSWER_NOISE)
        at = np.take_along_axis(conf, fields, axis=1)
        confidence = np.clip(at + rng.standard_normal(at.shape, dtype=F32) * F32(CONFIDENCE_NOISE), 0, 1)
        return x, cache, label, confidence

    def record(self, x, used):
        """exposure += sum over the slots of used * blockExposure(x)."""
        self.exposure += np.einsum('np,npf->nf', used, self.world.block_exposure(x))

    def learn(self, x, label, accepted, cache):
        """sft lr 0.05, one step on all 8 slots (the weights did not change since they predicted: reuse the pass)."""
        step(self.model, self.model.gradient(x, label, accepted, cache), SFT_LR)
        self.record(x, accepted)

    def note(self, x, label, accepted):
        """Writes the accepted pairs into the notes (the oldest are forgotten when full); reading them is exposure."""
        keep = accepted > 0                                # [N, P]
        # the engine counts proposal 0 as the most recent of a tick's notes: write them from the last to the first
        rank = np.cumsum(keep[:, ::-1], axis=1)[:, ::-1] - 1
        agent, slot_p = np.nonzero(keep)
        slot = (self.notes_next[agent] + rank[agent, slot_p]) % CONTEXT
        self.notes_x[agent, slot] = x[agent, slot_p]
        self.notes_y[agent, slot] = label[agent, slot_p]
        written = keep.sum(axis=1)
        self.notes_next = (self.notes_next + written) % CONTEXT
        self.notes_count = np.minimum(self.notes_count + written, CONTEXT)
        self.record(x, accepted)

    def tick(self, rng):
        x, cache, label, confidence = self.propose(rng)
        accepted = (confidence >= F32(THRESHOLD)).astype(F32)           # judge self_confidence threshold 0.5
        if self.notes:
            self.note(x, label, accepted)                  # seems_right selects into llm.notes
        else:
            self.learn(x, label, accepted, cache)          # seems_right selects into llm.weights

    def measure(self):
        """accuracy(human), accuracy(new) of the answering model; drift of the weights from the pretrained ones."""
        mse, variance = self.effective().field_mse(self.world)          # [N, F], [F]
        accuracy = 1.0 - mse / variance
        human = self.world.human
        dist = np.zeros(self.n)
        base = 0.0
        for w, w0 in zip(self.model.params, self.pretrained.params):
            diff = w.astype(np.float64).reshape(self.n, -1) - w0.astype(np.float64).reshape(1, -1)
            dist += np.einsum('ni,ni->n', diff, diff)
            base += float(np.sum(np.square(w0.astype(np.float64))))
        drift = np.sqrt(dist) / np.sqrt(base) if base > 0 else np.full(self.n, np.nan)
        return accuracy[:, human].mean(), accuracy[:, ~human].mean(), drift.mean()


# ------------------------------------------------------------------------------------------------------------ main

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--agents", type=int, required=True)
    p.add_argument("--model", choices=sorted(MODELS), required=True)
    p.add_argument("--notes", action="store_true", help="select into the agents' notes (learner context)")
    p.add_argument("--warmup", type=int, default=0)
    p.add_argument("--ticks", type=int, required=True)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    start = time.perf_counter()
    world = World(rng)
    pretrained, exposure = pretrain(world, MODELS[a.model], rng)
    pop = Population(a.agents, world, pretrained, exposure, a.notes)
    log(f"numpy {np.__version__}: world, pretraining and population in {time.perf_counter() - start:.2f} s")

    for _ in range(a.warmup):
        pop.tick(rng)
    start = time.perf_counter()
    for _ in range(a.ticks):
        pop.tick(rng)
    seconds = time.perf_counter() - start
    log(f"{a.ticks} timed ticks in {seconds:.3f} s")

    acc_human, acc_new, drift = pop.measure()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024     # KiB on Linux
    print(json.dumps({
        "impl": "numpy", "model": a.model, "notes": a.notes, "agents": a.agents, "warmup": a.warmup,
        "ticks": a.ticks, "seconds": seconds,
        "agent_ticks_per_second": a.agents * a.ticks / seconds if seconds > 0 else None,
        "accuracy_human": float(acc_human), "accuracy_new": float(acc_new), "drift": float(drift),
        "peak_memory_bytes": int(peak)}))


if __name__ == "__main__":
    main()
