/** Turns a failure at start-up into a message a person can act on. Pure. */

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

/**
 * What to do about the SQLite module, when that is the likely cause of `failure`: it is missing (then every
 * workspace fails, whatever the message says), or the message is a native-module loading error. Else null.
 */
export function nativeModuleAdvice(failure: string, context: StartupContext): string | null {
  if (context.nativeBindingFound && !looksLikeNativeModuleProblem(failure)) return null;
  if (context.isPackaged) {
    return `The SQLite module built for this Electron version is missing or damaged (${context.nativeBindingPath}). Reinstall VDC Studio.`;
  }
  return context.nativeBindingFound
    ? `The SQLite module at ${context.nativeBindingPath} does not fit this Electron. Delete the .electron-native folder and run "npm start" again.`
    : `The SQLite module for Electron has not been built (${context.nativeBindingPath} is missing). Start the app with "npm start", which builds it first (needs internet once).`;
}

/** The service itself could not start (it threw). */
export function startupFailureMessage(error: unknown, context: StartupContext): string {
  const text = error instanceof Error ? error.message : String(error);
  const advice = nativeModuleAdvice(text, context);
  return [
    'VDC Studio could not start its simulation service.',
    '',
    text,
    ...(advice ? ['', advice] : []),
  ].join('\n');
}

/** The service started but could not open or create the workspace (its startupError). */
export function workspaceStartupMessage(message: string, context: StartupContext): string {
  const advice = nativeModuleAdvice(message, context);
  return advice ? `${message}\n\n${advice}` : message;
}
