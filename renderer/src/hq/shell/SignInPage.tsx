// E-mail + password sign-in. Focus starts in the e-mail field; Enter submits.
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { useSession, type HqUser } from '../session-store';

export function SignInPage() {
  const notice = useSession((s) => s.notice);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ user: HqUser; csrf: string }>('POST', '/session', { email, password });
      useSession.getState().signedIn(result.user, result.csrf);
    } catch (e) {
      setError(errorText(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hq-signin">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">HQ console</h1>
        <p className="hq-muted">Sign in with your head-office account.</p>
        {notice && <p className="hq-notice">{notice}</p>}
        <label>
          E-mail
          <input
            name="email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="hq-error">
            {error}
          </p>
        )}
        <button type="submit" className="hq-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
