import type { FastifyInstance } from 'fastify';

/** The policy Q&A library (政策问答库): entries under review, public browsing and search, import. */
export default async function qa(_app: FastifyInstance) {}
