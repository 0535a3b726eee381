import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's data folder, the same one the desktop app uses (Electron's userData for "VDC Studio"),
 * so the browser shell and the CLI open the same workspaces. VDC_DATA_DIR overrides it (tests, portable use).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.VDC_DATA_DIR) return env.VDC_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'VDC Studio');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'VDC Studio');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'VDC Studio');
}
