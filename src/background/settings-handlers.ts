import type { Handlers } from '../messages/handle';
import type { optionsProtocol } from '../messages/options-protocol';
import type { RadarDB } from '../store/db';
import type { Clock } from './handlers';

/** Handlers of the options page's messages (settings, import/export, custom sites). */
export function createOptionsHandlers(_db: RadarDB, _clock: Clock): Pick<Handlers, keyof typeof optionsProtocol> {
  return {};
}
