import type { CliCommand } from './command';
import { consolidateCommand } from './commands/consolidate';
import { historyCommand } from './commands/history';
import { labCheckCommand } from './commands/lab';
import { placeCommand } from './commands/place';
import { scenariosCommand } from './commands/scenarios';
import { simulateCommand } from './commands/simulate';
import { storylineRunCommand } from './commands/storyline';
import { workspaceInfoCommand } from './commands/workspace-info';

/** Every `vdc` sub-command, in the order `vdc --help` lists them. */
export const commands: CliCommand[] = [
  scenariosCommand,
  simulateCommand,
  historyCommand,
  workspaceInfoCommand,
  placeCommand,
  consolidateCommand,
  storylineRunCommand,
  labCheckCommand,
];
