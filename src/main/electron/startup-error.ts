/** Turns a failure to start the service into a message a person can act on. Pure. */

export interface StartupContext {
  isPackaged: boolean;
  /** Where the Electron build of better-sqlite3 was looked for, and whether it was there. */
  nativeBindingPath: string;
  nativeBindingFound: boolean;
}

function looksLikeNativeModuleProblem(text: string): boolean {
  return /NODE_MODULE_VERSION|better_sqlite3\.node|was compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|Could not locate the bindings file/i.test(
    text,
  );
}

export function startupFailureMessage(error: unknown, context: StartupContext): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = [`VDC Studio could not start its simulation service.`, '', text];
  if (!context.nativeBindingFound || looksLikeNativeModuleProblem(text)) {
    lines.push('');
    if (context.isPackaged) {
      lines.push(
        `The SQLite module built for this Electron version is missing or damaged (${context.nativeBindingPath}). Reinstall VDC Studio.`,
      );
    } else {
      lines.push(
        context.nativeBindingFound
          ? `The SQLite module at ${context.nativeBindingPath} does not fit this Electron. Delete the .electron-native folder and run "npm start" again.`
          : `The SQLite module for Electron has not been built (${context.nativeBindingPath} is missing). Start the app with "npm start", which builds it first (needs internet once).`,
      );
    }
  }
  return lines.join('\n');
}
