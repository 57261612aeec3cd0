/**
 * The command line of every script, read one way: node's own `parseArgs` (strict), `--help` on each, and one
 * clear line for an option the script does not know, in the language the script already speaks to its user.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine<O extends Options> {
  /** Printed for `--help` (to stdout, exit 0) and under every mistake (to stderr). */
  usage: string;
  options: O;
  /** Words that are not options (a command, a name): refused when the script takes none. */
  positionals?: boolean;
  language: 'en' | 'ja';
  /** The exit code of a mistake on the command line (the scripts differ; each keeps its own). */
  exitCode?: number;
  /** Read instead of process.argv (tests). */
  args?: string[];
}

const MISTAKES = {
  en: {
    unknown: (option: string) => `unknown option ${option}`,
    value: (option: string) => `${option} needs a value`,
    positional: (word: string) => `unexpected argument "${word}"`,
  },
  ja: {
    unknown: (option: string) => `「${option}」というオプションはありません。`,
    value: (option: string) => `${option} には値を指定してください。`,
    positional: (word: string) => `余分な引数があります: ${word}`,
  },
};

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP; allowPositionals: boolean; strict: true }>
>;

/** Exits with the usage when the command line is wrong or `--help` is asked for; otherwise what it says. */
export function readCommandLine<O extends Options>(
  cli: CommandLine<O>,
): { values: Parsed<O>['values']; positionals: string[] } {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: cli.args ?? process.argv.slice(2),
      options: { ...cli.options, ...HELP },
      allowPositionals: cli.positionals ?? false,
      strict: true,
    });
  } catch (error) {
    return usageError(cli, describeMistake(cli.language, error));
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(cli.usage);
    process.exit(0);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** Prints the problem and the usage, and exits with the script's code for a wrong command line. */
export function usageError(cli: Pick<CommandLine<Options>, 'usage' | 'exitCode'>, problem: string): never {
  console.error(`${problem}\n${cli.usage}`);
  process.exit(cli.exitCode ?? 2);
}

function describeMistake(language: 'en' | 'ja', error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
  const say = MISTAKES[language];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return say.unknown(quoted);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return say.value(quoted.replace(/ <value>$/, ''));
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return say.positional(quoted);
  return String(message ?? error);
}
