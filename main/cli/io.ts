/** What a CLI command may touch, injected so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars only then, or with --progress). */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Fires when the user asks to stop (SIGINT); the CLI then stores the run as interrupted. */
  signal?: AbortSignal;
  /** Whether stdin is a terminal: only then may a command ask a question (`delete`). */
  stdinIsTTY?: boolean;
  /** Asks the person at the terminal; the answer, or null if they closed stdin or pressed Ctrl-C. */
  ask?: (question: string) => Promise<string | null>;
}

/** A problem that stops a command before it starts: one line on stderr, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
/** A run that started but failed is stored as `failed`; the command exits 1. */
export const EXIT_RUN_FAILED = 1;
/** Anything that cannot start (docs/cli.md). */
export const EXIT_CANNOT_START = 2;
/** Cancelled with Ctrl-C: the run is stored as `interrupted`. */
export const EXIT_INTERRUPTED = 130;
