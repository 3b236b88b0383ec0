/** Immutable records shared by every stage of logdex: events, fingerprints, column uses, statement profiles. */
package dev.logdex.core.model;
