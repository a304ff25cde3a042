// The checkpoint each pull answered with, kept per request for whoever looks at the request after
// the reply (the HQ register-health hook): the seq of the last document sent, or the seq asked
// from when nothing came. Entries go with their request (a WeakMap holds no request alive).
import type { FastifyRequest } from 'fastify';

export const servedCheckpoints = new WeakMap<FastifyRequest, number>();
