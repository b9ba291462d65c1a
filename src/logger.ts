import { pino, type Logger } from "pino";

export type { Logger };

/** Bot tokens look like 123456:ABC-...; they also appear inside Bot API URLs. */
const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;
const PASSWORD_IN_URL = /(\/\/[^:/@\s]+:)[^@\s]+@/g;

export function redactSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, "<bot-token>").replace(PASSWORD_IN_URL, "$1***@");
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: ["token", "botToken", "*.token", "config.botToken", "databaseUrl"], censor: "[redacted]" },
      hooks: {
        // Errors from HTTP clients carry URLs with the token in them; scrub every line.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === "string" ? redactSecrets(a) : a instanceof Error ? scrubError(a) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
      serializers: { err: (e: Error) => ({ type: e.name, message: redactSecrets(e.message), stack: redactSecrets(e.stack ?? "") }) },
    },
    destination ?? process.stdout,
  );
}

function scrubError(error: Error): Error {
  error.message = redactSecrets(error.message);
  if (error.stack) error.stack = redactSecrets(error.stack);
  return error;
}
