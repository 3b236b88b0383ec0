package dev.logdex.core.analysis;

/** A query class neither parser could read: listed, never fatal. */
public record UnparsedStatement(String fingerprint, String sample, long calls, String reason) {}
