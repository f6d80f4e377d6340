import type { FieldInfo } from '../../preload/contract';
import { systemHandlers } from '../../main/services/handlers/system';

/** What `config:fields` sends the forms: the services' own answer (it reads no store, no backend). */
export const CONFIG_FIELD_INFOS = systemHandlers({} as never)['config:fields']() as FieldInfo[];
