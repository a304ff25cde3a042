// First run: connect this register to the store's sync server with a one-time enrollment code.
// `#/enroll?code=…&server=…` pre-fills both so `npm start` can open the register ready to go.
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useBackend } from '../model/backend-context';
import { errorMessage } from '../ui/error-message';

export function EnrollScreen() {
  const backend = useBackend();
  const navigate = useNavigate();
  const search = useSearch({ from: '/enroll' });
  const [server, setServer] = useState(search.server ?? (location.protocol.startsWith('http') ? location.origin : ''));
  const [code, setCode] = useState(search.code ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // The first run's clock starts here (the register bench reads it, with the pull's measures).
    performance.mark('pos:enroll');
    setBusy(true);
    setError(undefined);
    try {
      await backend.enroll(server.trim(), code.trim());
      await navigate({ to: '/setup' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel centered stack" onSubmit={(e) => void submit(e)} data-testid="first-screen">
      <h1>Set up this register</h1>
      <p>
        Set up this register: enter the sync server address and an enrollment code. A manager can create a code on the
        server (<code>npm run server:enroll-code</code>).
      </p>
      <div className="field">
        <label htmlFor="server">Sync server address</label>
        <input
          id="server"
          className="input"
          value={server}
          onChange={(e) => setServer(e.target.value)}
          placeholder="https://pos.example.com:8787"
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor="code">Enrollment code</label>
        <input
          id="code"
          className="input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-home-focus
          autoFocus={!search.code}
          autoComplete="off"
        />
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <button
        className="btn primary"
        type="submit"
        disabled={busy || !server || !code}
        data-testid="enroll-submit"
        autoFocus={Boolean(search.code)}
      >
        {busy ? 'Connecting…' : 'Enroll register'}
      </button>
    </form>
  );
}
