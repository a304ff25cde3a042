// The console frame: sign-in until there is a session, then the nav and the current page.
import { Outlet, useRouterState } from '@tanstack/react-router';
import { useSession } from '../session-store';
import { api } from '../api';
import { NAV } from '../nav';
import { SignInPage } from './SignInPage';

export function Shell() {
  const { status, user } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  if (status === 'loading') return <p className="hq-loading">Loading…</p>;
  if (status !== 'signed-in' || !user) return <SignInPage />;
  const signOut = () => {
    void api('DELETE', '/session').finally(() => useSession.getState().signedOut('You signed out.'));
  };
  return (
    <div className="hq-app">
      <header className="hq-bar">
        <strong className="hq-brand">HQ console</strong>
        <nav aria-label="Console">
          {NAV.map((item) => (
            <a key={item.href} href={item.href} aria-current={`#${path}` === item.href ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
        <span className="hq-user">
          {user.name} · {user.role}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main className="hq-main">
        <Outlet />
      </main>
    </div>
  );
}
