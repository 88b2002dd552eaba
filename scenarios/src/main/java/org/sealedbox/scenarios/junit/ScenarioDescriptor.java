package org.sealedbox.scenarios.junit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.Expectation;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.suite.Suite;

/** A scenario file: a container of its {@code expect} lines, or of one failing "compiles" test when it does not compile. */
final class ScenarioDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "scenario";
    private final Path file;
    private final String problem; // the diagnostics, when it does not compile

    private ScenarioDescriptor(UniqueId id, Path file, String name, String problem) {
        super(id, name, FileSource.from(file.toFile()));
        this.file = file;
        this.problem = problem;
    }

    static ScenarioDescriptor discover(UniqueId parent, Path file, Suite suite) {
        UniqueId id = parent.append(SEGMENT, file.toString());
        String base = file.getFileName().toString();
        ScenarioCompiler.Compilation c;
        try {
            c = suite.compile(file);
        } catch (IOException e) {
            ScenarioDescriptor d = new ScenarioDescriptor(id, file, base, "cannot read " + file + ": " + e.getMessage());
            d.addChild(new CompilesDescriptor(id.append("compiles", "diagnostics"), file, 1, 1));
            return d;
        }
        if (!c.ok()) {
            String rendered = c.diagnostics().render();
            ScenarioDescriptor d = new ScenarioDescriptor(id, file, base, file + " does not compile:\n" + rendered);
            var first = c.diagnostics().list().stream().filter(x -> x.severity() == org.sealedbox.dsl.diag.Severity.ERROR).findFirst();
            d.addChild(new CompilesDescriptor(id.append("compiles", "diagnostics"), file,
                    first.map(x -> x.span().line()).orElse(1), first.map(x -> x.span().column()).orElse(1)));
            return d;
        }
        ScenarioModel m = c.model().get();
        ScenarioDescriptor d = new ScenarioDescriptor(id, file, base + " — " + m.name(), null);
        List<Expectation> expects = m.expectations();
        // a swept scenario's verdicts come variant by variant, each with every expectation
        List<java.util.Map<String, String>> variants = m.sweep() == null ? List.of(java.util.Map.of()) : m.sweep().variants();
        for (int v = 0; v < variants.size(); v++) {
            String label = m.sweep() == null ? null : org.sealedbox.dsl.ir.SweepSpec.label(variants.get(v));
            for (int i = 0; i < expects.size(); i++) {
                Expectation e = expects.get(i);
                int index = v * expects.size() + i;
                d.addChild(new ExpectDescriptor(id.append("expect", "line-" + e.span().line() + "-" + index), ExpectDescriptor.writtenIn(file, e), index, e, label));
            }
        }
        return d;
    }

    Path file() {
        return file;
    }

    boolean compiled() {
        return problem == null;
    }

    String problem() {
        return problem;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** The failing test of a scenario that does not compile. */
    static final class CompilesDescriptor extends AbstractTestDescriptor {
        CompilesDescriptor(UniqueId id, Path file, int line, int column) {
            super(id, file.getFileName() + " compiles", FileSource.from(file.toFile(), FilePosition.from(line, column)));
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }
    }
}
