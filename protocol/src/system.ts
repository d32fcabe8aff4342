import { z } from 'zod';
import { endpoint } from './http';

export const systemApi = {
  health: endpoint({
    method: 'GET', path: '/healthz', auth: 'none', tags: ['system'],
    summary: 'Liveness: answers while the server can reach its database',
    response: z.object({ status: z.literal('ok') }),
  }),
} as const;
