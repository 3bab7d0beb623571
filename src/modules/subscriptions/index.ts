import type { FastifyInstance } from 'fastify';

/** Subscriptions (政策找人): what a subscriber follows, the fan-out after publication, feeds and unsubscribing. */
export default async function subscriptions(_app: FastifyInstance) {}
