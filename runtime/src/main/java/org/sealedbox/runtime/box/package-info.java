/**
 * The box: the loop ({@link org.sealedbox.runtime.box.Box}), populations as tensors, proposals, and the
 * per-purpose random streams that make a run reproducible.
 */
package org.sealedbox.runtime.box;
