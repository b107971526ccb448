/** Config definitions → form fields (select for enums and booleans, number for numbers). */
import { configDefs, type ConfigDef, type ConfigScope } from '../engine/config';

export interface ConfigField {
  name: string;
  kind: 'select' | 'number' | 'text';
  options: readonly string[];
  doc: string;
  min: number | undefined;
  max: number | undefined;
}

const fieldCache = new Map<string, ConfigField>();

export function configField(scope: ConfigScope, name: string): ConfigField {
  const cacheKey = `${scope}/${name}`;
  const cached = fieldCache.get(cacheKey);
  if (cached) return cached;
  const def: ConfigDef | undefined = configDefs(scope).find((d) => d.name === name);
  const field = toField(name, def);
  fieldCache.set(cacheKey, field);
  return field;
}

function toField(name: string, def: ConfigDef | undefined): ConfigField {
  const base = { name, doc: def?.doc ?? '', min: undefined, max: undefined };
  if (!def) return { ...base, kind: 'text', options: [] };
  if (def.type === 'boolean') return { ...base, kind: 'select', options: ['true', 'false'] };
  if (def.validator?.kind === 'in') return { ...base, kind: 'select', options: def.validator.values };
  if (def.type === 'int' || def.type === 'long' || def.type === 'short' || def.type === 'double') {
    const range = def.validator?.kind === 'range' ? def.validator : null;
    return { ...base, kind: 'number', options: [], min: range?.min, max: range?.max };
  }
  return { ...base, kind: 'text', options: [] };
}
