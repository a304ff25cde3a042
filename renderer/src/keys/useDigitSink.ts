// Claims the digit keys for a PIN pad while it is mounted (keys/digit-sink.ts). The handler is read
// through a ref so re-renders never reorder the stack.
import { useEffect, useRef } from 'react';
import { pushDigitSink, removeDigitSink, type DigitSink } from './digit-sink';

export function useDigitSink(sink: DigitSink, enabled = true): void {
  const ref = useRef(sink);
  ref.current = sink;
  useEffect(() => {
    if (!enabled) return undefined;
    const id = pushDigitSink((key) => ref.current(key));
    return () => removeDigitSink(id);
  }, [enabled]);
}
