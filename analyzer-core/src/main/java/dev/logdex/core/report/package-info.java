/** Report writers: JSON (a contract), text for terminals, Markdown for reviews. */
package dev.logdex.core.report;
