import { createInterface } from 'node:readline';

/**
 * CliIo.ask for a real terminal: the question goes to stderr (stdout stays the command's
 * output), the answer is one line of stdin. Ctrl-C or Ctrl-D answers null, which callers treat
 * as "no": readline takes Ctrl-C from the terminal itself, so the process's SIGINT handler
 * (which would only mark a run interrupted) never sees it.
 */
export function askOnTerminal(question: string): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    const finish = (answer: string | null): void => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(answer);
    };
    rl.on('SIGINT', () => {
      process.stderr.write('\n');
      finish(null);
    });
    rl.on('close', () => {
      // Ctrl-D ends the prompt's line without a newline of its own.
      if (!answered) process.stderr.write('\n');
      finish(null);
    });
    rl.question(question, (answer) => finish(answer));
  });
}
