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

    /** @param where the file the expectation is written in ({@link #writtenIn}) */
    ExpectDescriptor(UniqueId id, Path where, int index, Expectation e, String variant) {
        super(id, where.getFileName() + ":" + e.span().line() + ": " + (variant == null ? "" : "[" + variant + "] ") + e.text(),
                FileSource.from(where.toFile(), FilePosition.from(e.span().line(), e.span().column())));
        this.index = index;
    }

    /** The file the expectation is written in: a variant that states none inherits its parent's. */
    static Path writtenIn(Path file, Expectation e) {
        Path p = Path.of(e.span().source().name());
        return java.nio.file.Files.isRegularFile(p) ? p : file;
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
