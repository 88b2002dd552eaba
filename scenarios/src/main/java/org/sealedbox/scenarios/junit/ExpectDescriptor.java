package org.sealedbox.scenarios.junit;

import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.sealedbox.dsl.ir.Expectation;

/** One {@code expect} line of a scenario: a test whose source is that line. */
final class ExpectDescriptor extends AbstractTestDescriptor {
    private final int index;

    ExpectDescriptor(UniqueId id, Path file, int index, Expectation e, String variant) {
        super(id, file.getFileName() + ":" + e.span().line() + ": " + (variant == null ? "" : "[" + variant + "] ") + e.text(),
                FileSource.from(file.toFile(), FilePosition.from(e.span().line(), e.span().column())));
        this.index = index;
    }

    /** Its position among the scenario's expectations (the order of their verdicts). */
    int index() {
        return index;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
