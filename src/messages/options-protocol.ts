import type { z } from 'zod';
import type { Origin } from './protocol-types';

/** Messages from the options page (`options:` names). Merged into the protocol in protocol.ts. */
export const optionsProtocol = {} as const satisfies Record<string, { from: Origin; request: z.ZodType; reply: z.ZodType }>;
