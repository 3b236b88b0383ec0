/** Fingerprinting: statement text to a stable query-class id, by a single hand-written scan. */
package dev.logdex.core.fingerprint;
