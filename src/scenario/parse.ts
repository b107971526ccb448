/**
 * The scenario language shared by lessons, tests and teachers: one command per line,
 * `#` starts a comment, words are separated by spaces, "double quotes" keep spaces, and
 * `key=value` words are options. See docs/SCENARIOS.md.
 */
export interface ScenarioCommand {
  /** 1-based line number in the source, for error messages. */
  line: number;
  name: string;
  args: string[];
  options: Record<string, string>;
  text: string;
}

export class ScenarioError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ScenarioError';
  }
}

export function parseScenario(source: string): ScenarioCommand[] {
  const commands: ScenarioCommand[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const text = stripComment(raw).trim();
    if (text.length === 0) return;
    const words = tokenize(text, i + 1);
    const [name, ...rest] = words;
    const args: string[] = [];
    const options: Record<string, string> = {};
    for (const word of rest) {
      const eq = word.indexOf('=');
      if (eq > 0) options[word.slice(0, eq)] = word.slice(eq + 1);
      else args.push(word);
    }
    commands.push({ line: i + 1, name: name!, args, options, text });
  });
  return commands;
}

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

function tokenize(text: string, line: number): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let inWord = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (/\s/.test(ch) && !quoted) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quoted) throw new ScenarioError(line, 'a quote (") is not closed');
  if (inWord) words.push(current);
  return words;
}

/** "500ms", "2s", "1.5s", "3m", or a bare number of milliseconds. */
export function parseDurationMs(value: string, line: number): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value);
  if (!match) throw new ScenarioError(line, `"${value}" is not a duration (try 500ms, 2s or 1m)`);
  const n = Number(match[1]);
  const unit = match[2] ?? 'ms';
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60000;
}

export function parseIntStrict(value: string | undefined, what: string, line: number): number {
  if (value === undefined || !/^-?\d+$/.test(value)) throw new ScenarioError(line, `${what} must be a whole number, got "${value ?? ''}"`);
  return Number(value);
}
