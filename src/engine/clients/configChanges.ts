import type { ConfigInput } from '../config';

/**
 * A client's explicit config with unset keys dropped: `reconfigure({ 'linger.ms': null })`
 * returns linger.ms to Kafka's default, like removing the line from a properties file.
 */
export function withoutUnset(input: ConfigInput): ConfigInput {
  const out: ConfigInput = {};
  for (const [key, value] of Object.entries(input)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}
