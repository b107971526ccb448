import { describe, expect, it } from 'vitest';
import { SimKernel } from './SimKernel';
import { SPIN_RUNS_WITHOUT_PROGRESS } from './SpinDetector';

describe('SimKernel', () => {
  it('records what each step ran: its label, time and the events it emitted', () => {
    const kernel = new SimKernel({ seed: 1 });
    expect(kernel.lastStep).toBeNull();
    kernel.schedule(10, 'broker-1 produce', () => {
      kernel.emit('broker', 'broker 1', 'appended 1 record');
      kernel.emit('broker', 'broker 1', 'HW moved to 1');
    });
    kernel.schedule(20, 'quiet', () => {});
    expect(kernel.step()).toBe(true);
    expect(kernel.lastStep).toEqual({ label: 'broker-1 produce', timeMs: 10, firstEventSeq: 0, endEventSeq: 2 });
    expect(kernel.log.slice(kernel.lastStep!.firstEventSeq, kernel.lastStep!.endEventSeq).map((e) => e.text))
      .toEqual(['appended 1 record', 'HW moved to 1']);
    kernel.step();
    expect(kernel.lastStep).toEqual({ label: 'quiet', timeMs: 20, firstEventSeq: 2, endEventSeq: 2 });
    expect(kernel.step()).toBe(false);
    expect(kernel.lastStep?.label).toBe('quiet');
  });

  it('keeps the clock on whole milliseconds and carries fractional frame advances', () => {
    const kernel = new SimKernel({ seed: 1 });
    const ran: number[] = [];
    kernel.schedule(2.2, 'a', () => ran.push(kernel.nowMs));
    for (let i = 0; i < 10; i++) kernel.advanceBy(0.7);
    expect(kernel.nowMs).toBe(7);
    expect(ran).toEqual([3]);
    kernel.advanceBy(0.3);
    expect(kernel.nowMs).toBe(7); // 0.3 carried
    kernel.advanceBy(0.7);
    expect(kernel.nowMs).toBe(8);
  });

  it('runs a task scheduled for created + timeout when now - created >= timeout holds', () => {
    const kernel = new SimKernel({ seed: 1 });
    const deliveryTimeoutMs = 120000;
    const fired: boolean[] = [];
    // Creation times that are not whole ms in floating point gave now - created one ulp short.
    for (const delay of [0.1, 0.7, 1.3, 2047.9, 8191.6]) {
      kernel.schedule(delay, 'create', () => {
        const createdMs = kernel.nowMs;
        kernel.scheduleAt(createdMs + deliveryTimeoutMs, 'expire', () => fired.push(kernel.nowMs - createdMs >= deliveryTimeoutMs));
      });
    }
    kernel.advanceBy(200000);
    expect(fired).toEqual([true, true, true, true, true]);
  });

  it('stops a task that reschedules itself at one instant without progress, and reports it', () => {
    const kernel = new SimKernel({ seed: 1 });
    let runs = 0;
    const spin = (): void => {
      runs++;
      kernel.schedule(0, 'p1 sender', spin);
    };
    kernel.schedule(5, 'p1 sender', spin);
    kernel.schedule(6, 'later', () => kernel.emit('kernel', 'test', 'still running'));
    kernel.advanceBy(10);
    expect(runs).toBeLessThan(SPIN_RUNS_WITHOUT_PROGRESS + 2000);
    expect(kernel.spinsDetected).toBe(1);
    expect(kernel.nowMs).toBe(10);
    const texts = kernel.log.slice(0).map((e) => e.text);
    expect(texts[0]).toMatch(/task "p1 sender" ran \d+ times at t=5 ms without any progress/);
    expect(texts[1]).toBe('still running');
  });

  it('does not mistake many different tasks at one instant for a spin', () => {
    const kernel = new SimKernel({ seed: 1 });
    let ran = 0;
    for (let i = 0; i < 50_000; i++) kernel.schedule(1, `zk watch /brokers/topics/t${i}`, () => ran++);
    kernel.advanceBy(2);
    expect(ran).toBe(50_000);
    expect(kernel.spinsDetected).toBe(0);
  });

  it('keeps a time beyond 2^53 − 1 ms (a Long.MAX_VALUE timeout) at the last countable ms: never', () => {
    const kernel = new SimKernel({ seed: 1 });
    let ran = false;
    kernel.scheduleAt(2 ** 60, 'far', () => (ran = true));
    kernel.schedule(Infinity, 'forever', () => (ran = true));
    expect(kernel.nextEventTimeMs()).toBe(Number.MAX_SAFE_INTEGER);
    kernel.advanceBy(1e9);
    expect(ran).toBe(false);
    expect(() => kernel.scheduleAt(Number.NaN, 'nan', () => {})).toThrow(RangeError);
    expect(() => kernel.advanceBy(Infinity)).toThrow(RangeError);
  });
});
