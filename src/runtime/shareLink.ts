/**
 * Share links: the session (seed, version, broker count, link pacing and every command with
 * its simulated time) as an exported `.lab` text in the URL's fragment, `#lab=<base64url>`.
 * Data only: the text is parsed as a session script (never run as code), validated before
 * anything changes, and a bad link is reported in one sentence and changes nothing.
 */
import { exportScenario, parseSessionScript, type SessionScript } from '../scenario/exportScenario';
import type { KafkaLab } from '../engine/lab/KafkaLab';
import { KAFKA_VERSION_PROFILES } from './seed';

export const SHARE_PARAM = 'lab';
/** Browsers and chat tools cope with URLs up to tens of KB; beyond that, export a file. */
export const MAX_SHARE_CHARS = 64_000;
export const MAX_SHARE_COMMANDS = 2_000;

export type ShareParse = { ok: true; script: SessionScript } | { ok: false; error: string } | null;

export interface BrowserLabSetup {
  latencyMs: number;
  jitterMs: number;
  brokerConfig: Readonly<Record<string, string>>;
}

/** `#lab=…` → the shared session; null when the URL has no share; an error for a bad one. */
export function parseShareHash(hash: string, browser: BrowserLabSetup): ShareParse {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get(SHARE_PARAM);
  if (raw === null) return null;
  const bad = (why: string): ShareParse => ({ ok: false, error: `This share link cannot be opened: ${why} Nothing was changed.` });
  if (raw.length > MAX_SHARE_CHARS) return bad(`it is longer than ${MAX_SHARE_CHARS} characters.`);
  let text: string;
  try {
    text = decodeBase64Url(raw);
  } catch {
    return bad('it is cut off or damaged (the data is not valid base64url UTF-8).');
  }
  let script: SessionScript;
  try {
    script = parseSessionScript(text);
  } catch (e) {
    return bad(`${e instanceof Error ? e.message : String(e)}.`);
  }
  const mismatch = setupMismatch(script, browser);
  if (mismatch) return bad(mismatch);
  if (script.commands.length > MAX_SHARE_COMMANDS) return bad(`it holds more than ${MAX_SHARE_COMMANDS} commands.`);
  return { ok: true, script };
}

function setupMismatch(script: SessionScript, browser: BrowserLabSetup): string | null {
  if (!Number.isInteger(script.seed) || script.seed < 0 || script.seed > 0xffffffff) return 'its seed is not a whole number from 0 to 4294967295.';
  if (!(KAFKA_VERSION_PROFILES as readonly string[]).includes(script.kafkaVersion)) return `the lab knows Kafka ${KAFKA_VERSION_PROFILES.join(' and ')}, not "${script.kafkaVersion}".`;
  if (!(script.brokers >= 1 && script.brokers <= 9)) return 'a lab has 1 to 9 brokers.';
  if (script.latencyMs !== browser.latencyMs || script.jitterMs !== browser.jitterMs) {
    return `it was made with links of ${script.latencyMs} ± ${script.jitterMs} ms; the browser lab runs ${browser.latencyMs} ± ${browser.jitterMs} ms.`;
  }
  const a = JSON.stringify(Object.entries(script.brokerConfig).sort());
  const b = JSON.stringify(Object.entries(browser.brokerConfig).sort());
  if (a !== b) return 'its broker configs differ from the browser lab\'s.';
  return null;
}

/** The URL that opens `script` (the page's own address with `#lab=…`). */
export function shareUrl(pageUrl: string, script: SessionScript): string {
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = `${SHARE_PARAM}=${encodeBase64Url(exportScenario(script))}`;
  return url.toString();
}

export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeBase64Url(data: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(data)) throw new Error('not base64url');
  const base64 = data.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The running lab as a session script: what Export scenario and Copy share link write. */
export function sessionScript(lab: KafkaLab, brokerConfig: Readonly<Record<string, string>>): SessionScript {
  const link = lab.network.linkDefaults;
  return {
    seed: lab.seed,
    kafkaVersion: lab.kafkaVersion,
    brokers: lab.brokers.length,
    latencyMs: link.latencyMs,
    jitterMs: link.jitterMs,
    brokerConfig: { ...brokerConfig },
    commands: [...lab.commandLog.entries],
    endMs: lab.kernel.nowMs,
  };
}

/**
 * Open a shared session on a fresh lab: each command at its instant, then the clock up to
 * where the session was shared. The commands land in this lab's log, so it shares on.
 */
export function replaySession(lab: KafkaLab, script: SessionScript): void {
  for (const entry of script.commands) {
    lab.kernel.advanceTo(entry.atMs);
    lab.apply(entry.command).catch(() => {});
  }
  lab.kernel.advanceTo(script.endMs);
}

export function describeScript(script: SessionScript): string {
  return `seed ${script.seed}, Kafka ${script.kafkaVersion}, ${script.brokers} broker${script.brokers === 1 ? '' : 's'}, ${script.commands.length} command${script.commands.length === 1 ? '' : 's'}`;
}
