// Where digit keys go while a PIN is being entered. A PIN pad on screen claims them: digits,
// Backspace and Enter typed outside a text field (after clicking a name, say) reach the PIN field
// and never the scan buffer, so a PIN is never shown as "Scanning 1234" or added to the sale.
// The most recently mounted PIN pad wins (a manager PIN dialog over a screen).
export type DigitSink = (key: string) => void;

const sinks: { id: number; sink: DigitSink }[] = [];
let nextId = 1;

export function pushDigitSink(sink: DigitSink): number {
  const id = nextId++;
  sinks.push({ id, sink });
  return id;
}

export function removeDigitSink(id: number): void {
  const index = sinks.findIndex((s) => s.id === id);
  if (index >= 0) sinks.splice(index, 1);
}

/** The PIN pad that receives digit keys now, if any. */
export function activeDigitSink(): DigitSink | undefined {
  return sinks.at(-1)?.sink;
}

export const PIN_KEYS: ReadonlySet<string> = new Set([
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'Backspace',
  'Enter',
]);
