/**
 * Electron main-process entry (out/main/index.js). The desktop shell lives in ./electron; it reaches the
 * simulation only through the service, exactly like the browser shell and the CLI.
 */
import { runDesktopApp } from './electron/app';
import { VdcService } from './service';

runDesktopApp({
  startService: (options) => VdcService.start({ ...options, shell: 'electron' }),
});
