/**
 * The scenario language. {@link org.sealedbox.dsl.ScenarioCompiler} runs the pipeline
 * text → parse tree → AST → IR; this module depends on ANTLR alone (no Guice, no ND4J).
 */
package org.sealedbox.dsl;
