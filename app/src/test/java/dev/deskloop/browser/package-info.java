/**
 * Browser tests: the dashboard driven in a real headless Chromium, asserting on what a person sees. A test extends
 * {@link dev.deskloop.browser.BrowserTest}, creates its data through {@code Fixtures} and drives the pages through
 * {@link dev.deskloop.browser.Browser}; classes end in {@code BrowserIT} and run once, on H2.
 */
package dev.deskloop.browser;
