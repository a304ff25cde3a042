// Sign-in: pick your name, enter your PIN. Checked offline against the replicated salted hash;
// repeated failures lock the staff member out for a while (the lockout rule is shared/staff's).
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useBackend } from '../model/backend-context';
import type { StaffView } from '../model/backend';
import { useSession } from '../session/session-store';
import { PinPad } from '../ui/PinPad';
import { errorMessage } from '../ui/error-message';

export function SignInScreen() {
  const backend = useBackend();
  const navigate = useNavigate();
  const signIn = useSession((s) => s.signIn);
  const recent = useSession((s) => s.recentClerkIds);
  const setTill = useSession((s) => s.setTill);
  const [staff, setStaff] = useState<StaffView[]>([]);
  const [selected, setSelected] = useState<string>();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    backend.listStaff().then(
      (list) => {
        const active = list.filter((s) => s.active);
        // Quick switch: the clerks who used this register last come first.
        active.sort((a, b) => rank(recent, a.id) - rank(recent, b.id) || a.name.localeCompare(b.name));
        setStaff(active);
        // Nobody is pre-selected (the first name was, often the admin, whose PIN then took every
        // clerk's attempts toward a lockout); with only one person there is nothing to choose.
        setSelected((current) => current ?? (active.length === 1 ? active[0]!.id : undefined));
      },
      (e: unknown) => setMessage(errorMessage(e)),
    );
  }, [backend, recent]);

  const submit = async (): Promise<void> => {
    const member = staff.find((s) => s.id === selected);
    if (!member) return setMessage('Choose your name first.');
    setBusy(true);
    try {
      const result = await backend.checkPin(member.id, pin);
      setPin('');
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      signIn({ staffId: member.id, name: member.name, role: member.role });
      const shift = await backend.currentShift();
      setTill(shift ? { shiftId: shift.id, status: 'open', openedAt: shift.openedAt } : undefined);
      await navigate({ to: shift ? '/sell' : '/till' });
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel centered stack" data-testid="sign-in">
      <h1>Sign in</h1>
      {staff.length === 0 && !message && <p className="muted">Loading staff…</p>}
      <div className="staff-list" role="listbox" aria-label="Staff">
        {staff.map((s) => (
          <button
            key={s.id}
            type="button"
            role="option"
            aria-selected={s.id === selected}
            className={`btn${s.id === selected ? ' active' : ''}`}
            onClick={() => {
              setSelected(s.id);
              setMessage(undefined);
              pinRef.current?.focus();
            }}
            data-testid={`staff-${s.name}`}
          >
            {s.name}
            <span className="muted">{s.role}</span>
          </button>
        ))}
      </div>
      <PinPad
        pin={pin}
        onChange={setPin}
        onSubmit={() => void submit()}
        disabled={busy}
        testId="pin-input"
        inputRef={pinRef}
      />
      {message && (
        <div className="error" role="alert" data-testid="sign-in-error">
          {message}
        </div>
      )}
    </section>
  );
}

function rank(recent: string[], id: string): number {
  const index = recent.indexOf(id);
  return index < 0 ? recent.length : index;
}
