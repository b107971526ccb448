/**
 * Scripts the frame benchmark evaluates in the page. Plain strings, not functions: functions
 * compiled by tsx may carry helper calls (`__name`) that do not exist in the page.
 */

export interface Workload {
  brokers: number;
  partitions: number;
  recordsPerSecond: number;
  speed: number;
  /** Replication factor of a wider topic (the ready `orders` has 3). */
  replicationFactor?: number;
  /** Consumer groups reading the topic (subscribe, auto-commit), besides the assigned consumer. */
  groups?: { count: number; members: number };
}

export interface FrameProbeResult {
  frames: number;
  fps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  longTasks: number;
  longTaskMaxMs: number;
  /** Simulated ms per wall ms actually reached over the measurement. */
  realSpeed: number;
  speed: number;
  /** What the speed control showed at the end, if the lab shows a real speed. */
  shownSpeed: string | null;
  heapMB: number;
  acked: number;
  failed: number;
  segments: number;
}

/**
 * Pause, make the topic (the ready 6-partition "orders" or a wider one with orders' configs),
 * start the demo's shape of workload (a keyed stream and a consumer polling every partition),
 * then play at the case's speed.
 */
export function setupScript(w: Workload): string {
  return `(async () => {
    const api = window.__kafkaLab;
    api.pause();
    const lab = api.lab;
    const orders = api.snapshot().topics.find((t) => t.name === 'orders');
    let topic = 'orders';
    if (${w.partitions} !== orders.partitions.length || ${w.replicationFactor ?? 3} !== orders.replicationFactor) {
      topic = 'wide';
      await api.runtime.command(() => lab.admin.createTopic({ name: topic, partitions: ${w.partitions}, replicationFactor: ${w.replicationFactor ?? 1}, configs: { ...orders.configOverrides, 'min.insync.replicas': '${Math.min(2, w.replicationFactor ?? 1)}' } }));
      await api.runUntil((l) => l.allPartitionsServing() && l.network.inFlightCount === 0, 30000);
    }
    const keys = Array.from({ length: 1000 }, (_, i) => 'key-' + i);
    const producer = lab.producers()[0];
    producer.startStream({ topic, recordsPerSecond: ${w.recordsPerSecond}, keys });
    const consumer = lab.consumers()[0];
    consumer.assign(Array.from({ length: ${w.partitions} }, (_, partition) => ({ topic, partition })));
    consumer.startPolling();
    for (let g = 0; g < ${w.groups?.count ?? 0}; g++) {
      for (let m = 0; m < ${w.groups?.members ?? 0}; m++) {
        const member = lab.createConsumer({ 'group.id': 'bench-' + g, 'auto.offset.reset': 'latest' }, 'g' + g + '-m' + m);
        member.subscribe([topic]);
        member.startPolling();
      }
    }
    if (${w.groups?.count ?? 0} > 0) await api.runUntil((l) => Array.from({ length: ${w.groups?.count ?? 0} }, (_, g) => l.group('bench-' + g)).every((v) => v && v.state === 'Stable'), 60000);
    window.__benchTopic = topic;
    api.setSpeed(${w.speed});
    api.play();
  })()`;
}

/** Record frames, long tasks, simulated time and the heap for `measureMs` of wall time. */
export function FRAME_PROBE(measureMs: number, speed: number): string {
  return `new Promise((resolve) => {
    const api = window.__kafkaLab;
    const lab = api.lab;
    const producer = lab.producers()[0];
    const before = producer.view();
    const longTasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    const deltas = [];
    const simStart = lab.kernel.nowMs;
    const wallStart = performance.now();
    let last = wallStart;
    const frame = (t) => {
      deltas.push(t - last);
      last = t;
      if (t - wallStart < ${measureMs}) { requestAnimationFrame(frame); return; }
      observer.disconnect();
      const wallMs = performance.now() - wallStart;
      const sorted = [...deltas.slice(1)].sort((a, b) => a - b);
      const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] || 0;
      const after = producer.view();
      const topic = api.snapshot().topics.find((x) => x.name === window.__benchTopic);
      const shown = document.querySelector('[data-real-speed]');
      resolve({
        frames: deltas.length,
        fps: (deltas.length * 1000) / wallMs,
        p50Ms: pct(50), p95Ms: pct(95), p99Ms: pct(99), maxMs: sorted[sorted.length - 1] || 0,
        longTasks: longTasks.length,
        longTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0,
        realSpeed: (lab.kernel.nowMs - simStart) / wallMs,
        speed: ${speed},
        shownSpeed: shown ? shown.textContent : null,
        heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : 0,
        acked: after.acked - before.acked,
        failed: after.failed - before.failed,
        segments: topic ? topic.partitions.reduce((n, p) => n + (p.log ? p.log.segments.length : 0), 0) : 0,
      });
    };
    requestAnimationFrame(frame);
  })`;
}

/**
 * Installed before the reloaded page's scripts run: waits for the lab to be ready, then for
 * ten consecutive frames each under 50 ms (the page answers input again).
 */
export const RELOAD_PROBE = `(() => {
  if (sessionStorage.getItem('kafka-lab-bench-reload') !== '1') return;
  sessionStorage.removeItem('kafka-lab-bench-reload');
  const state = { done: false, readyMs: 0, responsiveMs: 0 };
  window.__benchReload = state;
  const waitForApi = () => {
    if (!window.__kafkaLab) { setTimeout(waitForApi, 5); return; }
    window.__kafkaLab.ready.then(() => {
      state.readyMs = performance.now();
      let last = performance.now();
      let good = 0;
      let firstGood = 0;
      const frame = (t) => {
        const delta = t - last;
        last = t;
        if (delta < 50) { if (good++ === 0) firstGood = t - delta; } else good = 0;
        if (good >= 10) { state.responsiveMs = firstGood; state.done = true; return; }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  };
  waitForApi();
})()`;
