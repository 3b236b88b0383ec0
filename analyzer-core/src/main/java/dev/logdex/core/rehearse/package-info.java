/**
 * Rehearsal: a copy of the database, the migration applied to it, and the logged statements measured on it before
 * and after.
 */
package dev.logdex.core.rehearse;
