/**
 * Electron main-process entry (out/main/index.js). The desktop shell lives in ./electron; it reaches the
 * simulation only through the service, exactly like the browser shell and the CLI.
 */
import { runDesktopApp } from './electron/app';
import { startServiceWorker } from './service/worker/host';

runDesktopApp({
  // The simulation runs in a worker thread, so the main process (windows, menus, IPC) never waits for it.
  // If the worker dies, the host restarts it in safe mode (last workspace paused, the reason shown in the console).
  startService: (options) =>
    startServiceWorker(
      { ...options, shell: 'electron' },
      {
        onRestart: (reason, restarted) =>
          console.error(`VDC Studio: ${reason} ${restarted ? 'Restarted in safe mode.' : 'Not restarted.'}`),
      },
    ),
});
