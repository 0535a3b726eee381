import type { CliCommand } from './command';
import { consolidateCommand } from './commands/consolidate';
import { historyCommand } from './commands/history';
import { labCheckCommand } from './commands/lab';
import { storylineRunCommand } from './commands/storyline';
import { workspaceInfoCommand } from './commands/workspace-info';

/** Every `vdc` sub-command, in the order `vdc --help` lists them. */
export const commands: CliCommand[] = [
  historyCommand,
  workspaceInfoCommand,
  consolidateCommand,
  storylineRunCommand,
  labCheckCommand,
];
