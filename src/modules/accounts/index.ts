import type { FastifyInstance } from 'fastify';

/** The public's own accounts: registration with a verified e-mail, sign-in, the personal center and its inbox. */
export default async function accounts(_app: FastifyInstance) {}
