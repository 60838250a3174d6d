/** A source that cannot be read (bad file, AWS error): one line for the user, exit code 2, no stack trace. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, " ").trim());
    this.name = "SourceError";
  }
}

/** An AWS SDK error as `Code: message` (the SDK puts the error code in `name`). */
export function awsErrorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { Code?: string }).Code ?? error.name;
  return `${code}: ${error.message}`;
}
