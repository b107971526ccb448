/**
 * How a message looks: colour by API family (Okabe–Ito colour-blind-safe hues), a lighter
 * fill for responses, red for dropped. Pill length grows with the message's size. A Fetch
 * between two brokers is a follower copying its leader's log: its own family (yellow, squarer
 * pills), so replication traffic never looks like a consumer's fetches.
 */
export type ApiFamily = 'produce' | 'fetch' | 'replicaFetch' | 'metadata' | 'listOffsets' | 'admin' | 'controller' | 'other';

const FAMILY_OF: Readonly<Record<string, ApiFamily>> = {
  Produce: 'produce',
  InitProducerId: 'produce',
  Fetch: 'fetch',
  Metadata: 'metadata',
  ListOffsets: 'listOffsets',
  CreateTopics: 'admin',
  DeleteTopics: 'admin',
  CreatePartitions: 'admin',
  DescribeConfigs: 'admin',
  IncrementalAlterConfigs: 'admin',
  AlterConfigs: 'admin',
  DeleteRecords: 'admin',
  LeaderAndIsr: 'controller',
  UpdateMetadata: 'controller',
  StopReplica: 'controller',
  AlterPartition: 'controller',
  BrokerHeartbeat: 'controller',
  BrokerRegistration: 'controller',
};

export function apiFamily(apiKey: string): ApiFamily {
  return FAMILY_OF[apiKey] ?? 'other';
}

const isBroker = (node: string | undefined): boolean => node !== undefined && node.startsWith('broker-');

/** The family of a message, knowing its ends: a Fetch from broker to broker is a replica fetch. */
export function messageFamily(m: { readonly apiKey: string; readonly from?: string; readonly to?: string }): ApiFamily {
  const family = apiFamily(m.apiKey);
  return family === 'fetch' && isBroker(m.from) && isBroker(m.to) ? 'replicaFetch' : family;
}

export interface FamilyStyle {
  readonly label: string;
  /** Request fill. */
  readonly fill: string;
  /** Response fill (same hue, lighter) — responses also get a stroke in `fill`. */
  readonly responseFill: string;
  /** Request outline when white would vanish on the light background (default white). */
  readonly requestStroke?: string;
  /** Corner radius as a share of the pill's height (default 0.5: round ends). */
  readonly roundness?: number;
}

export const FAMILY_STYLES: Readonly<Record<ApiFamily, FamilyStyle>> = {
  produce: { label: 'Produce', fill: '#E69F00', responseFill: '#F7D58A' },
  fetch: { label: 'Fetch', fill: '#0072B2', responseFill: '#8DC3E3' },
  replicaFetch: { label: 'Replica fetch', fill: '#F0E442', responseFill: '#FAF4B8', requestStroke: '#6F6500', roundness: 0.2 },
  metadata: { label: 'Metadata', fill: '#CC79A7', responseFill: '#EBC3D9' },
  listOffsets: { label: 'ListOffsets', fill: '#009E73', responseFill: '#8FD9C3' },
  admin: { label: 'Admin', fill: '#6A4C93', responseFill: '#C6B6DE' },
  controller: { label: 'Controller', fill: '#4D5B6A', responseFill: '#B9C2CC' },
  other: { label: 'Other', fill: '#8A8A8A', responseFill: '#D0D0D0' },
};

export const DROPPED_FILL = '#D62728';

export interface MessageLook {
  readonly family: ApiFamily;
  readonly fill: string;
  readonly stroke: string;
  readonly dropped: boolean;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Corner radius (px). */
  readonly radiusPx: number;
  /** What the particle's label calls it ("Replica fetch" for a follower's Fetch). */
  readonly name: string;
}

/** Pill length from wire size: 18 px for tiny requests up to 38 px at 64 KiB and above, sqrt-scaled (visible on a projector). */
export function pillWidthPx(sizeBytes: number): number {
  const s = Math.max(0, Math.min(65536, sizeBytes));
  return Math.round(18 + 20 * Math.sqrt(s / 65536));
}

export function messageLook(m: {
  readonly apiKey: string;
  readonly direction: 'request' | 'response';
  readonly dropped: boolean;
  readonly sizeBytes: number;
  readonly from?: string;
  readonly to?: string;
}): MessageLook {
  const family = messageFamily(m);
  const style = FAMILY_STYLES[family];
  const isResponse = m.direction === 'response';
  const heightPx = 14;
  return {
    family,
    fill: m.dropped ? DROPPED_FILL : isResponse ? style.responseFill : style.fill,
    // A response's outline is its family's colour (a yellow one needs its darker ink).
    stroke: m.dropped ? '#7F1010' : (style.requestStroke ?? style.fill),
    dropped: m.dropped,
    widthPx: pillWidthPx(m.sizeBytes),
    heightPx,
    radiusPx: heightPx * (style.roundness ?? 0.5),
    name: family === 'replicaFetch' ? style.label : m.apiKey,
  };
}

/** Families shown in the legend, in order. */
export const LEGEND_FAMILIES: readonly ApiFamily[] = ['produce', 'fetch', 'replicaFetch', 'metadata', 'listOffsets', 'admin', 'controller'];
