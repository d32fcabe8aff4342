import { z } from 'zod';
import { endpoint } from './http';

export const systemApi = {
  health: endpoint({
    method: 'GET', path: '/healthz', auth: 'none', tags: ['system'],
    summary: 'Liveness: answers while the server can reach its database',
    response: z.object({ status: z.literal('ok') }),
  }),
  devClock: endpoint({
    method: 'POST', path: '/api/dev/clock', auth: 'none', tags: ['system'],
    summary: 'Moves the server’s clock forward and runs the scheduler once (only on a server started with MAUM_DEV_CLOCK=1, for demos and tests)',
    body: z.object({ advanceMs: z.number().int().min(0).max(400 * 86_400_000) }).strict(),
    response: z.object({ now: z.string() }),
  }),
} as const;
