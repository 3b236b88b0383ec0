package dev.logdex.cli;

/** The formats a report is written in; each command says which of them it writes. */
enum ReportFormat { text, json, markdown, html }
