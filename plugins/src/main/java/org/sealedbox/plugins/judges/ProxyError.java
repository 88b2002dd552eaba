package org.sealedbox.plugins.judges;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.schema.Choice;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.ParamType;

/**
 * The error of a judge's score, independent per proposal: {@code none}, {@code gaussian(s)} or {@code student_t(df, s)}
 * (heavy tailed for small df: Student's t with df degrees of freedom, scaled by s; drawn as Z / √(χ²_df / df)).
 */
final class ProxyError {
    static final ParamType.ChoiceType TYPE = new ParamType.ChoiceType(List.of(
            ParamType.Option.plain("none"),
            ParamType.Option.with("gaussian", "s", new ParamType.RealType(0, 100)),
            ParamType.Option.with("student_t", "df", new ParamType.IntType(1, 100), "s", new ParamType.RealType(0, 100))));

    static ParamSpec param() {
        return ParamSpec.choice("error", "none", TYPE,
                "error added to each score: none, gaussian(s), or student_t(df, s) (heavy tailed: rare huge errors)");
    }

    private final String kind;
    private final int df;
    private final double scale;

    ProxyError(Choice c) {
        kind = c.name();
        df = kind.equals("student_t") ? (int) c.argument(0) : 0;
        scale = kind.equals("student_t") ? c.argument(1) : kind.equals("gaussian") ? c.argument(0) : 0;
    }

    /** {@code score} plus one draw of the error per entry, in place; returns it. */
    INDArray addTo(INDArray score, Random rng) {
        if (scale == 0 || kind.equals("none")) return score;
        long[] shape = score.shape();
        INDArray e = Nd4j.randn(rng, shape).castTo(DataType.DOUBLE);
        if (kind.equals("student_t")) {
            INDArray chi2 = Nd4j.zeros(DataType.DOUBLE, shape);
            for (int i = 0; i < df; i++) {
                INDArray z = Nd4j.randn(rng, shape).castTo(DataType.DOUBLE);
                chi2.addi(z.muli(z));
            }
            e.divi(Transforms.sqrt(chi2.divi(df), false));
        }
        return score.addi(e.muli(scale).castTo(score.dataType()));
    }
}
