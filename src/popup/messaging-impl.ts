// Zod's configuration first: it must run before any schema parses.
import '../platform/zod-config';

export { send } from '../messages/send';
