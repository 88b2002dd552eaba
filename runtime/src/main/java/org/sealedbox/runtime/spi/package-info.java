/**
 * The plugin SPI: small interfaces (World, Model, Pretrainer, Learner, Confidence, Judge, Measure), each
 * made by a named factory that declares its parameter schema. Values in, values out; state lives in
 * tensors with the agent as leading axis.
 */
package org.sealedbox.runtime.spi;
