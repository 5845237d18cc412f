/**
 * JUnit Jupiter support: {@link dev.deskloop.simulator.junit.SimulatorExtension} starts a simulator on a
 * random port once per test class, resets it before each test and injects it as a parameter.
 * JUnit is an optional dependency of this module; only tests that use the extension need it.
 */
package dev.deskloop.simulator.junit;
