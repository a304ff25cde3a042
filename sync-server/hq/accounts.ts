// HQ user accounts and their server-side sessions. A session id lives only in an HttpOnly
// cookie; the table keeps its sha-256, so a leaked database does not hand out sessions.
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../../shared/errors';
import { sha256 } from '../auth/tokens';
import { HqError } from './errors';
import { DUMMY_HASH, hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords';
import type { HqSql } from './sql';

export const HQ_ROLES = ['admin', 'operations', 'viewer'] as const;
export type HqRole = (typeof HQ_ROLES)[number];

/** What each role may do; a higher role includes the lower ones. */
const RANK: Record<HqRole, number> = { viewer: 0, operations: 1, admin: 2 };
export function roleAllows(role: HqRole, needed: HqRole): boolean {
  return RANK[role] >= RANK[needed];
}

export interface HqUser {
  id: string;
  email: string;
  name: string;
  role: HqRole;
  createdAt: string;
  disabledAt: string | null;
}

export interface HqSession {
  user: HqUser;
  csrf: string;
  expiresAt: string;
}

export const SESSION_HOURS = 12;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/;

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

function toUser(row: UserRow): HqUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as HqRole,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(HqError.INVALID_INPUT, message, { field });
}

export class HqAccounts {
  constructor(
    private readonly sql: HqSql,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createUser(input: { email: unknown; name?: unknown; role: unknown; password: unknown }): Promise<HqUser> {
    const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
    if (!EMAIL.test(email)) throw invalid('email', 'Give an e-mail address such as ops@example.com.');
    if (typeof input.role !== 'string' || !(HQ_ROLES as readonly string[]).includes(input.role)) {
      throw invalid('role', `The role is one of ${HQ_ROLES.join(', ')}.`);
    }
    if (
      typeof input.password !== 'string' ||
      input.password.length < PASSWORD_MIN_LENGTH ||
      input.password.length > 200
    ) {
      throw invalid('password', `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
    }
    const name =
      typeof input.name === 'string' && input.name.trim()
        ? input.name.trim().slice(0, 80)
        : (email.split('@')[0] ?? email);
    const user: HqUser = {
      id: randomUUID(),
      email,
      name,
      role: input.role as HqRole,
      createdAt: this.now().toISOString(),
      disabledAt: null,
    };
    const hash = await hashPassword(input.password);
    const existing = await this.sql.all<{ id: string }>('SELECT id FROM hq_users WHERE email = ?', [email]);
    if (existing.length > 0)
      throw new DomainError(HqError.CONFLICT, `An HQ user with the e-mail ${email} exists already.`, {
        field: 'email',
      });
    await this.sql.tx((run) =>
      run('INSERT INTO hq_users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        user.id,
        email,
        name,
        user.role,
        hash,
        user.createdAt,
      ]),
    );
    return user;
  }

  async listUsers(): Promise<HqUser[]> {
    return (await this.sql.all<UserRow>('SELECT * FROM hq_users ORDER BY email')).map(toUser);
  }

  async countUsers(): Promise<number> {
    return Number((await this.sql.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM hq_users'))[0]?.n ?? 0);
  }

  /** Checks the password and opens a session; the same answer for an unknown e-mail and a wrong password. */
  async signIn(emailInput: unknown, password: unknown): Promise<{ sessionId: string; session: HqSession }> {
    const email = typeof emailInput === 'string' ? emailInput.trim().toLowerCase() : '';
    const row = (await this.sql.all<UserRow>('SELECT * FROM hq_users WHERE email = ?', [email]))[0];
    const ok = await verifyPassword(typeof password === 'string' ? password : '', row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok || row.disabled_at) {
      throw new DomainError(
        HqError.BAD_CREDENTIALS,
        'The e-mail or password is wrong. Check both and try again, or ask an HQ admin to reset your account.',
      );
    }
    const sessionId = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const created = this.now();
    const expiresAt = new Date(created.getTime() + SESSION_HOURS * 3_600_000).toISOString();
    await this.sql.tx(async (run) => {
      await run('DELETE FROM hq_sessions WHERE expires_at < ?', [created.toISOString()]);
      await run('INSERT INTO hq_sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
        sha256(sessionId),
        row.id,
        csrf,
        created.toISOString(),
        expiresAt,
      ]);
    });
    return { sessionId, session: { user: toUser(row), csrf, expiresAt } };
  }

  async session(sessionId: string | undefined): Promise<HqSession | null> {
    if (!sessionId || sessionId.length > 100) return null;
    const rows = await this.sql.all<UserRow & { csrf: string; expires_at: string }>(
      'SELECT u.*, s.csrf, s.expires_at FROM hq_sessions s JOIN hq_users u ON u.id = s.user_id WHERE s.id_hash = ?',
      [sha256(sessionId)],
    );
    const row = rows[0];
    if (!row || row.disabled_at || row.expires_at <= this.now().toISOString()) return null;
    return { user: toUser(row), csrf: row.csrf, expiresAt: row.expires_at };
  }

  async signOut(sessionId: string | undefined): Promise<void> {
    if (!sessionId) return;
    await this.sql.tx((run) => run('DELETE FROM hq_sessions WHERE id_hash = ?', [sha256(sessionId)]));
  }
}
