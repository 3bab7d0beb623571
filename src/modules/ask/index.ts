import type { FastifyInstance } from 'fastify';

/** Smart answers (智能问答) with citations, the synonym dictionary, and questions sent to departments (转人工). */
export default async function ask(_app: FastifyInstance) {}
