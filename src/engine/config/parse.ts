/**
 * Parsing, validating and printing config values the way Kafka's ConfigDef does
 * (parseType, the validators' ensureValid, AbstractConfig.logAll, ConfigDef.convertToString).
 * Values arrive either typed (from scenario scripts) or as strings (from forms).
 */
import { ConfigException } from './ConfigException';
import { INT_MAX_VALUE, LONG_MAX_VALUE, type ConfigDef, type ConfigValue } from './types';

type Raw = string | number | boolean;

const INT_MIN_VALUE = -2147483648;
const SHORT_MIN_VALUE = -32768;
const SHORT_MAX_VALUE = 32767;
/** Java's Integer.parseInt / Long.parseLong accept an optional sign and digits only. */
const INTEGER_PATTERN = /^[+-]?\d+$/;
const LONG_MAX_TEXT = '9223372036854775807';

export function parseValue(def: ConfigDef, raw: Raw): ConfigValue {
  const value = parseType(def, raw);
  validate(def, value);
  return value;
}

function parseType(def: ConfigDef, raw: Raw): ConfigValue {
  switch (def.type) {
    case 'boolean':
      return parseBoolean(def.name, raw);
    case 'int':
      return parseInteger(def.name, raw, INT_MIN_VALUE, INT_MAX_VALUE, 'INT', 'a whole number from -2147483648 to 2147483647');
    case 'short':
      return parseInteger(def.name, raw, SHORT_MIN_VALUE, SHORT_MAX_VALUE, 'SHORT', 'a whole number from -32768 to 32767');
    case 'long':
      return parseLong(def.name, raw);
    case 'double':
      return parseDouble(def.name, raw);
    case 'list':
      return parseList(raw);
    case 'string':
    case 'class':
    case 'password':
      // Kafka would reject a non-String here; the lab accepts `acks: 1` from scripts and prints it back.
      return String(raw).trim();
  }
}

function parseBoolean(name: string, raw: Raw): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const text = raw.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  throw ConfigException.invalidValue(name, raw, 'Expected value to be either true or false');
}

function parseInteger(name: string, raw: Raw, min: number, max: number, typeName: string, plain: string): number {
  const parsed = toWholeNumber(raw);
  if (parsed === null || parsed < min || parsed > max) {
    throw ConfigException.invalidValue(name, raw, `Not a number of type ${typeName} (${plain})`);
  }
  return parsed;
}

function parseLong(name: string, raw: Raw): number {
  // Long.MAX_VALUE is Kafka's "never" for several keys; it has no exact double, so keep the nearest one.
  if (typeof raw === 'string' && raw.trim() === LONG_MAX_TEXT) return LONG_MAX_VALUE;
  if (raw === LONG_MAX_VALUE) return LONG_MAX_VALUE;
  const parsed = toWholeNumber(raw);
  if (parsed === null || !Number.isSafeInteger(parsed)) {
    throw ConfigException.invalidValue(name, raw, 'Not a number of type LONG (a whole number)');
  }
  return parsed;
}

function toWholeNumber(raw: Raw): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!INTEGER_PATTERN.test(text)) return null;
  const parsed = Number(text);
  return Number.isSafeInteger(parsed) ? parsed : null;
}

function parseDouble(name: string, raw: Raw): number {
  const parsed = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(parsed)) throw ConfigException.invalidValue(name, raw, 'Not a number of type DOUBLE');
  return parsed;
}

/** Kafka splits on commas with surrounding whitespace; an empty string is the empty list. */
function parseList(raw: Raw): readonly string[] {
  const text = String(raw).trim();
  if (text === '') return [];
  return text.split(/\s*,\s*/);
}

export function validate(def: ConfigDef, value: ConfigValue): void {
  const validator = def.validator;
  if (validator === null) return;
  switch (validator.kind) {
    case 'range': {
      if (value === null) throw ConfigException.invalidValue(def.name, value, 'Value must be non-null');
      const n = value as number;
      if (validator.min !== undefined && n < validator.min) {
        throw ConfigException.invalidValue(def.name, formatNumber(def, n), `Value must be at least ${validator.min}`);
      }
      if (validator.max !== undefined && n > validator.max) {
        throw ConfigException.invalidValue(def.name, formatNumber(def, n), `Value must be no more than ${validator.max}`);
      }
      return;
    }
    case 'in':
      if (typeof value !== 'string' || !validator.values.includes(value)) {
        throw ConfigException.invalidValue(def.name, value, `String must be one of: ${validator.values.join(', ')}`);
      }
      return;
    case 'listIn':
      for (const item of (value ?? []) as readonly string[]) {
        if (!validator.values.includes(item)) {
          throw ConfigException.invalidValue(def.name, item, `String must be one of: ${validator.values.join(', ')}`);
        }
      }
      return;
    case 'nonEmpty':
      // NonEmptyString lets null through: null means "not configured".
      if (value !== null && String(value).length === 0) {
        throw ConfigException.invalidValue(def.name, '', 'String must be non-empty');
      }
      return;
  }
}

export function isList(value: ConfigValue): value is readonly string[] {
  return Array.isArray(value);
}

function formatNumber(def: ConfigDef, n: number): string {
  if (def.type === 'long' && n === LONG_MAX_VALUE) return LONG_MAX_TEXT;
  if (def.type === 'double' && Number.isInteger(n)) return `${n}.0`;
  return String(n);
}

/** How Kafka prints a value when it logs "ProducerConfig values:" (Java's toString). */
export function formatForLog(def: ConfigDef, value: ConfigValue): string {
  if (value === null) return 'null';
  if (def.type === 'password') return '[hidden]';
  if (def.type === 'class') return `class ${String(value)}`;
  if (isList(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'number') return formatNumber(def, value);
  return String(value);
}

/** How Kafka renders a value in DescribeConfigs and stores it in ZooKeeper (convertToString). */
export function formatForDescribe(def: ConfigDef, value: ConfigValue): string {
  if (value === null) return 'null';
  if (isList(value)) return value.join(',');
  if (typeof value === 'number') return formatNumber(def, value);
  return String(value);
}
