package org.sealedbox.scenarios;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Every scenario of the canon, the published results and the examples, run by the scenario engine under
 * {@code mvn verify}: one container per file, one test per {@code expect} line. (Surefire reports only tests under a
 * class-based container, so this suite class hosts the engine, as Cucumber's documentation recommends for its own.)
 * Paths are relative to this module's folder, where Surefire runs.
 */
@Suite
@IncludeEngines("sealedbox")
@SelectDirectories({"canon", "published", "examples"})
class ScenarioSuiteTest {}
