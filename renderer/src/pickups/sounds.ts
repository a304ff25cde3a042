// Short tones through Web Audio: a low buzz for a wrong scan (the clerk looks up from the
// scanner), a two-note chime for a new order. No audio files to ship.
let context: AudioContext | undefined;

function tone(frequency: number, startS: number, lengthS: number, type: OscillatorType): void {
  const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctor) return;
  context ??= new Ctor();
  const ctx = context;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.2, ctx.currentTime + startS);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + startS + lengthS);
  osc.connect(gain).connect(ctx.destination);
  osc.start(ctx.currentTime + startS);
  osc.stop(ctx.currentTime + startS + lengthS);
}

/** Counts sounds played, so tests can see the wrong-scan signal happened. */
export const soundLog = { errors: 0, chimes: 0 };

export function errorBuzz(): void {
  soundLog.errors++;
  (globalThis as { __posSounds?: typeof soundLog }).__posSounds = soundLog;
  tone(140, 0, 0.35, 'square');
}

export function chime(): void {
  soundLog.chimes++;
  (globalThis as { __posSounds?: typeof soundLog }).__posSounds = soundLog;
  tone(880, 0, 0.15, 'sine');
  tone(1320, 0.16, 0.2, 'sine');
}
