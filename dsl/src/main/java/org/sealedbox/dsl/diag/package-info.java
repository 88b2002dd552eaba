/**
 * Diagnostics are values (severity, stable code, span, message, hint) that every stage collects
 * instead of throwing, so that one {@code check} reports every problem in a file at once.
 */
package org.sealedbox.dsl.diag;
