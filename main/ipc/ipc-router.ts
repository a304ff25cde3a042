// Registers one ipcMain.handle per contract method. Before a handler runs, the sender frame must
// be a top-level frame of the app's own origin and the arguments must pass the method's schema;
// whatever happens, the renderer gets an IpcResult, never a thrown Error.
import type { IpcMainInvokeEvent } from 'electron';
import { DomainError, toErrorBody } from '../../shared/errors';
import { IpcChannels, type IpcMethod } from '../../shared/ipc/channels';
import { type IpcParsedArgs, type IpcResult, type IpcValue, fail, ipcContract, ok } from '../../shared/ipc/contract';
import { IpcError } from '../../shared/ipc/ipc-errors';

export interface IpcCallContext {
  senderUrl: string;
}

export type IpcHandlers = {
  [K in IpcMethod]: (args: IpcParsedArgs<K>, context: IpcCallContext) => Promise<IpcValue<K>> | IpcValue<K>;
};

export type IpcSenderEvent = {
  senderFrame: Pick<NonNullable<IpcMainInvokeEvent['senderFrame']>, 'url' | 'parent'> | null;
};

export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export interface RouterOptions {
  isTrustedUrl: (url: string) => boolean;
  log?: (message: string) => void;
}

async function dispatch<K extends IpcMethod>(
  method: K,
  handler: IpcHandlers[K],
  event: IpcSenderEvent,
  raw: unknown,
  options: RouterOptions,
): Promise<IpcResult<IpcValue<K>>> {
  const log = options.log ?? console.warn;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !options.isTrustedUrl(frame.url)) {
    log(`[ipc] refused ${method} from ${frame?.url ?? 'a closed frame'}`);
    return fail({ code: IpcError.UNTRUSTED_SENDER, message: 'This page is not allowed to use the register hardware.' });
  }
  const parsed = ipcContract[method].args.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
      .join('; ');
    return fail(
      toErrorBody(
        new DomainError(
          IpcError.INVALID_ARGUMENT,
          `The request "${method}" was refused because its data is not valid (${problems}). Check the values entered; if this keeps happening, restart the register.`,
          { method },
        ),
      ),
    );
  }
  try {
    // The schema above is the contract's own schema for K, so its output is IpcParsedArgs<K>.
    const value = await handler(parsed.data as IpcParsedArgs<K>, { senderUrl: frame.url });
    return ok(value);
  } catch (error) {
    if (!(error instanceof DomainError))
      log(`[ipc] ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail(toErrorBody(error));
  }
}

export function registerIpcHandlers(ipcMain: IpcMainPort, handlers: IpcHandlers, options: RouterOptions): IpcMethod[] {
  const methods = Object.keys(IpcChannels) as IpcMethod[];
  for (const method of methods) {
    ipcMain.handle(IpcChannels[method], (event, raw) => dispatch(method, handlers[method], event, raw, options));
  }
  return methods;
}
