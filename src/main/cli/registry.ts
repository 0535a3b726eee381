import type { CliCommand } from './command';

/** Every `vdc` sub-command, in the order `vdc --help` lists them. */
export const commands: CliCommand[] = [];
