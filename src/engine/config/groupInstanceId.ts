/**
 * JoinGroupRequest.validateGroupInstanceId, which the consumer runs on group.instance.id when it is built
 * (GroupRebalanceConfig): the rules of a topic name, in each release's wording. 2.4 has its own copy of the
 * checks; 3.9 calls Topic.validate and, before that, rejects "" with the config's NonEmptyString validator.
 */
import { ConfigException } from './ConfigException';
import type { KafkaVersion } from './types';

const KEY = 'group.instance.id';
const MAX_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]*$/;

export function validateGroupInstanceId(id: string, version: KafkaVersion): void {
  const reason = version === '2.4' ? reason24(id) : reason39(id);
  if (reason !== null) throw new ConfigException(KEY, reason);
}

function reason24(id: string): string | null {
  if (id === '') return 'Group instance id must be non-empty string';
  if (id === '.' || id === '..') return 'Group instance id cannot be "." or ".."';
  if (id.length > MAX_LENGTH) return `Group instance id can't be longer than ${MAX_LENGTH} characters: ${id}`;
  if (!LEGAL.test(id)) {
    return `Group instance id "${id}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return null;
}

function reason39(id: string): string | null {
  if (id === '') return ConfigException.invalidValue(KEY, id, 'String must be non-empty').message;
  const prefix = 'Group instance id is invalid: ';
  if (id === '.' || id === '..') return `${prefix}'${id}' is not allowed`;
  if (id.length > MAX_LENGTH) return `${prefix}the length of '${id}' is longer than the max allowed length ${MAX_LENGTH}`;
  if (!LEGAL.test(id)) return `${prefix}'${id}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`;
  return null;
}
