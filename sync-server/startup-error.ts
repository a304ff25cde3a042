// An error the operator can fix by changing configuration; printed as one line, no stack.
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Turns the low-level errors seen at start-up into a sentence that says what to do. */
export function explainStartupError(
  error: unknown,
  context: { port?: number; dataDir?: string; databaseUrl?: string },
): string {
  if (error instanceof StartupError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${context.port ?? '?'} is already in use: stop the other process or set PORT to a free port.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOTDIR':
    case 'EEXIST':
    case 'SQLITE_CANTOPEN':
      return context.dataDir
        ? `Cannot write to the data folder ${context.dataDir}: set DATA_DIR to a folder this user can write.`
        : `Permission denied: ${message}`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return `Cannot reach the PostgreSQL server in DATABASE_URL (${redactUrl(context.databaseUrl)}): check that it is running and the host and port are right.`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the login in DATABASE_URL (${redactUrl(context.databaseUrl)}): check the user and password.`;
    case '3D000':
      return `The database named in DATABASE_URL (${redactUrl(context.databaseUrl)}) does not exist: create it or fix the name.`;
    default:
      return `The sync server could not start: ${message}`;
  }
}

export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
