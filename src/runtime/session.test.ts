import { describe, expect, it } from 'vitest';
import { KafkaLab } from '../engine/lab/KafkaLab';
import { timedLine } from '../scenario/commandLines';
import { captureSession } from './session';

const fullText = (lab: KafkaLab): string => lab.commandLog.entries.map(timedLine).join('\n');

describe('captureSession', () => {
  it('keeps the stored command text equal to the whole log as it grows and after a restore', () => {
    const lab = KafkaLab.create({ seed: 2 });
    expect(captureSession(lab).commands).toBe('');
    lab.apply({ type: 'producer', id: 'p1', config: {} }).catch(() => {});
    expect(captureSession(lab).commands).toBe(fullText(lab));
    lab.kernel.advanceBy(250);
    lab.apply({ type: 'consumer', id: 'c1', config: {} }).catch(() => {});
    lab.apply({ type: 'producer', id: 'p2', config: { 'linger.ms': '5' } }).catch(() => {});
    expect(captureSession(lab).commands).toBe(fullText(lab));
    expect(captureSession(lab).commands.split('\n')).toHaveLength(3);
    // A restore replaces the entries: the text follows the new log, not the cached one.
    lab.commandLog.restore(lab.commandLog.entries.slice(0, 1));
    expect(captureSession(lab).commands).toBe(fullText(lab));
    expect(captureSession(lab).commands.split('\n')).toHaveLength(1);
  });
});
