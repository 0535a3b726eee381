import type { CliCommand, CliEntry, CliIO } from './command';
import { UsageError } from './command';
import { OutputExistsError } from './output-file';
import { commands as registered } from './registry';
import { appVersion } from '../service/version';

const BANNER = 'vdc — VDC Studio on the command line: run the datacenter simulation headless.';

type Listed = CliCommand | CliEntry;

export function helpText(commands: readonly Pick<Listed, 'name' | 'summary'>[]): string {
  const width = Math.max(12, ...commands.map((c) => c.name.length)) + 2;
  const lines = [
    BANNER,
    '',
    'Usage: vdc <command> [options]      (from the project: npm run vdc -- <command> [options])',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    "  --help, -h      show this help, or a command's help: vdc <command> --help",
    '  --version, -v   print the version',
  ];
  return lines.join('\n');
}

/** Finds the command whose (possibly multi-word) name prefixes argv; the longest name wins. */
export function findCommand<C extends { name: string }>(
  argv: string[],
  commands: readonly C[],
): { command: C; rest: string[] } | null {
  let best: { command: C; rest: string[] } | null = null;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (
      words.every((w, i) => argv[i] === w) &&
      (!best || words.length > best.command.name.split(' ').length)
    ) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

/** The command itself: a registry entry's module is loaded here, on first use. */
function load(c: Listed): Promise<CliCommand> {
  return 'load' in c ? c.load() : Promise.resolve(c);
}

export async function runCli(
  argv: string[],
  io: CliIO,
  commands: readonly Listed[] = registered,
): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText(commands));
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(appVersion());
    return 0;
  }
  const listed = findCommand(argv, commands);
  if (!listed) {
    io.err(`vdc: unknown command "${argv.join(' ')}". Run "vdc --help" to see the commands.`);
    return 2;
  }
  const command = await load(listed.command);
  const rest = listed.rest;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`vdc ${command.name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    // An output file that exists without --force (a command may check before it starts working).
    if (e instanceof OutputExistsError) {
      io.err(`vdc ${command.name}: ${e.message}`);
      return 1;
    }
    // A damaged file or a file-system error is the user's to act on: say what, without a stack trace.
    const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
    if (/^(SQLITE_|E[A-Z]+$)/.test(code)) {
      const where =
        e && typeof e === 'object' && 'path' in e ? ` (${String((e as { path: unknown }).path)})` : '';
      const what =
        code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'
          ? 'the workspace file is damaged: '
          : '';
      io.err(`vdc ${command.name}: ${what}${e instanceof Error ? e.message : String(e)}${where} [${code}]`);
      return 1;
    }
    throw e;
  }
}
