/**
 * Drives the admin console in a real, headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) through Selenium WebDriver, for tests that run as a client of the server.
 */
package org.outboxlab.testsupport.browser;
