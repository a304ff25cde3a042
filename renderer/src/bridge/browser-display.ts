// The customer display in a browser: a second window at #/customer-display listens on a
// BroadcastChannel. It says hello when it opens, so the register knows a display is there and
// sends it the current cart straight away.
import { type CustomerDisplayState, CustomerDisplayStateSchema } from '../../../shared/ipc/display-schemas';

const DISPLAY_CHANNEL = 'pos-customer-display';

type DisplayMessage = { type: 'hello' } | { type: 'state'; state: CustomerDisplayState };

export type ChannelFactory = (name: string) => Pick<BroadcastChannel, 'postMessage' | 'close' | 'addEventListener'>;

export function createDisplayPublisher(createChannel: ChannelFactory) {
  let channel: ReturnType<ChannelFactory> | null = null;
  let displaySeen = false;
  let last: CustomerDisplayState | null = null;
  const open = (): ReturnType<ChannelFactory> => {
    if (channel) return channel;
    const opened = createChannel(DISPLAY_CHANNEL);
    opened.addEventListener('message', (event: MessageEvent<DisplayMessage>) => {
      if (event.data?.type !== 'hello') return;
      displaySeen = true;
      if (last) opened.postMessage({ type: 'state', state: last } satisfies DisplayMessage);
    });
    channel = opened;
    return opened;
  };
  return {
    update(state: CustomerDisplayState): { shown: boolean } {
      last = state;
      open().postMessage({ type: 'state', state } satisfies DisplayMessage);
      return { shown: displaySeen };
    },
    /** Opens the channel early so a display that starts first is heard. */
    listen(): void {
      open();
    },
  };
}

export function subscribeToDisplay(
  createChannel: ChannelFactory,
  listener: (state: CustomerDisplayState) => void,
): () => void {
  const channel = createChannel(DISPLAY_CHANNEL);
  channel.addEventListener('message', (event: MessageEvent<DisplayMessage>) => {
    if (event.data?.type !== 'state') return;
    // Another tab could post anything on this channel name: only well-formed states are shown.
    const parsed = CustomerDisplayStateSchema.safeParse(event.data.state);
    if (parsed.success) listener(parsed.data);
  });
  channel.postMessage({ type: 'hello' } satisfies DisplayMessage);
  return () => channel.close();
}
