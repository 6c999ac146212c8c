import { z } from 'zod';

// Extension pages forbid eval: tell Zod not to probe for it or compile parsers with `new Function`.
z.config({ jitless: true });
