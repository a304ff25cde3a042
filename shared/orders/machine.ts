// A state machine as data: a map from each status to the statuses it may move to. Terminal
// statuses map to an empty list. The helpers refuse anything not in the map with a coded error.
import { DomainError } from '../errors';
import { OrderError } from './errors';

export type TransitionMap<S extends string> = { readonly [K in S]: readonly S[] };

export interface StateMachine<S extends string> {
  readonly name: string;
  readonly statuses: readonly S[];
  readonly transitions: TransitionMap<S>;
  readonly initial: S;
}

export function defineMachine<S extends string>(
  name: string,
  initial: S,
  transitions: TransitionMap<S>,
): StateMachine<S> {
  return { name, initial, transitions, statuses: Object.keys(transitions) as S[] };
}

export function isStatusOf<S extends string>(machine: StateMachine<S>, value: unknown): value is S {
  return typeof value === 'string' && (machine.statuses as readonly string[]).includes(value);
}

export function canTransition<S extends string>(machine: StateMachine<S>, from: string, to: string): boolean {
  return isStatusOf(machine, from) && isStatusOf(machine, to) && machine.transitions[from].includes(to);
}

export function isTerminal<S extends string>(machine: StateMachine<S>, status: S): boolean {
  return machine.transitions[status].length === 0;
}

/** Throws unless `from → to` is in the map; returns `to` typed. */
export function assertTransition<S extends string>(machine: StateMachine<S>, from: string, to: string): S {
  for (const status of [from, to]) {
    if (!isStatusOf(machine, status)) {
      throw new DomainError(OrderError.UNKNOWN_STATUS, `"${status}" is not a status of a ${machine.name}.`, {
        machine: machine.name,
        status,
      });
    }
  }
  if (!canTransition(machine, from, to)) {
    const allowed = machine.transitions[from as S];
    const next =
      allowed.length === 0 ? `it is final (${from})` : `from ${from} it can only become ${allowed.join(', ')}`;
    throw new DomainError(
      OrderError.ILLEGAL_TRANSITION,
      `A ${machine.name} cannot go from ${from} to ${to}: ${next}.`,
      {
        machine: machine.name,
        from,
        to,
      },
    );
  }
  return to as S;
}
