/**
 * `expect-sink g1 records=N duplicates=M`: the rows a consumer group's sink holds (the lab's
 * model of the application's table) and how many records it holds more than once. With a
 * remedy on, a redelivered record is kept out, so duplicates stays 0.
 */
import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { Check } from './expectations';
import type { ScenarioCommand } from './parse';

export function checkSink(lab: KafkaLab, c: ScenarioCommand): Check {
  const groupId = c.args[0] ?? '';
  // find(): an expectation must not make a sink that no member wrote to.
  const view = lab.sinks.find(groupId)?.view();
  const actual: Record<string, string> = { records: String(view?.rows ?? 0), duplicates: String(view?.duplicates ?? 0) };
  for (const [key, expected] of Object.entries(c.options)) {
    if (actual[key] !== expected) {
      const context = view ? ` (received ${view.received} writes, ${view.redelivered} record(s) more than once; remedy ${view.remedy} kept ${view.prevented} out)` : ' (no member has written to it)';
      return { holds: false, mismatch: `expected group ${groupId}'s sink ${key}=${expected} but it is ${actual[key]}${context}` };
    }
  }
  const said = Object.entries(c.options).map(([k, v]) => `${k}=${v}`).join(' ');
  return { holds: true, said: `group ${groupId}'s sink ${said}${view ? ` (received ${view.received}, redelivered ${view.redelivered}, remedy ${view.remedy} kept ${view.prevented} out)` : ''}` };
}
