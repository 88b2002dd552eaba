/**
 * The validator (AST → IR): name resolution with suggestions, plugin parameters checked against
 * declared schemas, units of box time. Collects diagnostics; never mutates the AST.
 */
package org.sealedbox.dsl.check;
