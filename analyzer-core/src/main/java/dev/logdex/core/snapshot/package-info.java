/** Snapshots of an analysis: writing, reading, merging, and comparing before with after. */
package dev.logdex.core.snapshot;
