import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Renders a page. Preact escapes every text and attribute value; raw HTML only via `Html`. */
export function renderHtml(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}

export function sendHtml(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderHtml(page));
}
