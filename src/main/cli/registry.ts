import type { CliCommand } from './command';
import { capacityCommand } from './commands/capacity';
import { consolidateCommand } from './commands/consolidate';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { historyCommand } from './commands/history';
import { labCheckCommand } from './commands/lab';
import { placeCommand } from './commands/place';
import { reportCommand } from './commands/report';
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
  importCommand,
  exportCommand,
  capacityCommand,
  reportCommand,
  consolidateCommand,
  storylineRunCommand,
  labCheckCommand,
];
