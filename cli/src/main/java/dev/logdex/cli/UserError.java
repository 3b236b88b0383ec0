package dev.logdex.cli;

/** A mistake in the user's input or arguments: one line on stderr, exit 2, no stack trace. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message);
  }
}
