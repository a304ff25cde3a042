// `npm run hq-user -- add --email a@b.c --role admin [--name …]` creates an HQ console user;
// the password comes from HQ_USER_PASSWORD or, interactively, from a prompt (never an argument,
// which would land in the shell history). `hq-user list` shows the users.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { DomainError } from '../../shared/errors';
import type { Storage } from '../storage/storage';
import { HqError } from './errors';
import { HqAccounts } from './accounts';
import { hqSqlFor } from './sql';

async function askPassword(): Promise<string> {
  if (process.env.HQ_USER_PASSWORD) return process.env.HQ_USER_PASSWORD;
  if (!process.stdin.isTTY)
    throw new DomainError(HqError.INVALID_INPUT, 'Give the password in HQ_USER_PASSWORD (no terminal to ask on).');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Password (at least 10 characters): ');
  } finally {
    rl.close();
  }
}

export async function hqUserCommand(args: string[], storage: Storage): Promise<void> {
  const [action, ...rest] = args;
  const sql = hqSqlFor(storage);
  try {
    const accounts = new HqAccounts(sql);
    if (action === 'list') {
      for (const user of await accounts.listUsers())
        console.log(`${user.email}\t${user.role}\t${user.name}${user.disabledAt ? '\t(disabled)' : ''}`);
      return;
    }
    if (action !== 'add')
      throw new DomainError(
        HqError.INVALID_INPUT,
        'Usage: hq-user add --email <e-mail> --role admin|operations|viewer [--name <name>] | hq-user list',
      );
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, role: { type: 'string', default: 'admin' }, name: { type: 'string' } },
    });
    const user = await accounts.createUser({
      email: values.email,
      role: values.role,
      name: values.name,
      password: await askPassword(),
    });
    console.log(`HQ user ${user.email} (${user.role}) created: sign in at /hq/ on the sync server.`);
  } finally {
    sql.close();
  }
}
