/** The logdex command line: picocli commands that wire readers, analysis and writers, and decide nothing. */
package dev.logdex.cli;
