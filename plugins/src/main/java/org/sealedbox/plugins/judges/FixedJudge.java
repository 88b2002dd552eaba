package org.sealedbox.plugins.judges;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Judge {@code fixed_judge}: a frozen critic, pretrained on human data and never updated. It answers each proposal's
 * situation itself; it keeps a proposal when the answer agrees with its own within {@code tolerance}, and as a scorer it
 * grades each answer by how close it is to its own (the world's quality of the answer, measured against the critic's
 * answer instead of the truth), plus an optional {@code error}.
 *
 * <p>With {@code examples 0} the critic is the population's own pretrained model; with {@code examples m} it is a
 * linear least-squares fit to m human examples of its own (drawn once, when it first judges), so that its errors are
 * independent of the agents'. Outside the human fields the critic knows no more than the agents did at the start.
 */
public final class FixedJudge implements Judge {
    private final double tolerance, ridge;
    private final int examples;
    private final ProxyError error;
    private INDArray critic; // [D, k] when it has examples of its own

    FixedJudge(ParamValues p) {
        this.tolerance = p.real("tolerance");
        this.examples = (int) p.integer("examples");
        this.ridge = p.real("ridge");
        this.error = new ProxyError(p.choice("error"));
    }

    private INDArray critique(Proposals p, Context c) {
        long n = p.agents(), count = p.count(), d = p.x().size(2), k = p.label().size(2);
        if (examples == 0) {
            return c.population().pretrained().predict(p.x().reshape(1, n * count, d)).reshape(n, count, k);
        }
        if (critic == null) {
            critic = Scratch.keep(() -> {
                World.Batch data = c.world().humanData(examples, c.rng());
                return Ridge.fit(data.x(), data.y(), ridge).castTo(DataType.FLOAT); // [D, k]
            });
        }
        return p.x().reshape(n * count, d).mmul(critic).reshape(n, count, k);
    }

    /** Its critic is one for every agent (the pretrained model, or a fit to its own examples, made once). */
    @Override
    public boolean agentLocal() {
        return true;
    }

    @Override
    public Verdict judge(Proposals p, Context c) {
        return new Verdict(Agreement.within(p.label(), critique(p, c), tolerance), p.label());
    }

    @Override
    public INDArray score(Proposals p, Context c) {
        return error.addTo(c.world().quality(p.fields(), critique(p, c), p.label()), c.rng());
    }

    public static final class Factory implements JudgeFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.JUDGE, "fixed_judge",
                "a frozen critic pretrained on human data: keeps the proposals it agrees with, scores answers by closeness to its own",
                List.of(ParamSpec.real("tolerance", 0.5, 0, 1e6, "largest disagreement with the critic that is still accepted"),
                        ParamSpec.integer("examples", 0, 0, 10_000_000,
                                "0: the critic is the population's pretrained model; m: a least-squares critic fit to m human examples of its own"),
                        ParamSpec.real("ridge", 1e-3, 0, 1e9, "ridge of the critic's own fit"),
                        ProxyError.param()));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Judge create(ParamValues params) {
            return new FixedJudge(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.judges(binder()).addBinding("fixed_judge").toInstance(new Factory());
        }
    }
}
