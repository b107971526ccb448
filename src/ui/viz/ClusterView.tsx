/**
 * The cluster at a glance: broker cards with their partition replicas (focusable tiles that
 * select a partition), producers on the left, consumers on the right, and the requests in
 * flight between them. SVG for the structure, an HTML overlay for the tile buttons.
 */
import { memo, useMemo, useState } from 'react';
import type { BrokerView, ConsumerView, TopicView } from '../../engine/snapshot';
import { useLabStore } from '../../runtime/store';
import { BrokerCard, ClientNode } from './ClusterParts';
import { ClusterLegend, LEGEND_ROW_H_PX, LEGEND_ROW_MIN_W_PX } from './Legend';
import { CanvasParticles, SvgParticles, type NodeAliases } from './InFlightParticles';
import { ReplicaTile } from './ReplicaTile';
import { memberColour } from '../groups/memberColours';
import { useFrameClock } from './frameClock';
import { useUiStore } from '../uiStore';
import { computeClusterLayout, type ClusterLayout } from './geometry/clusterLayout';
import { tileLabel } from './geometry/format';
import { tileRect } from './geometry/tileGrid';
import { useElementSize } from './useElementSize';
import { tileKey, useTileRoving } from './useTileRoving';
import {
  partitionIndex,
  selectBrokers,
  selectConsumers,
  selectInFlightLoad,
  selectProducers,
  selectTopics,
} from '../selectors';
import './viz.css';

export interface ClusterViewProps {
  /** Show replicas of internal topics (__consumer_offsets…); default false. */
  readonly showInternalTopics?: boolean;
  readonly className?: string;
  /** One-way link latency to name in the legend, e.g. "80–100 ms". */
  readonly linkLatency?: string | null;
}

const INITIAL_SIZE = { width: 1280, height: 440 };

interface TileSpec {
  readonly tp: string;
  readonly label: string;
}

/** Each broker's replicas in a stable order (topic, then partition number). */
export function tilesByBroker(
  brokers: readonly BrokerView[],
  topics: readonly TopicView[],
  showInternal: boolean,
): Map<number, TileSpec[]> {
  const index = partitionIndex(topics);
  const out = new Map<number, TileSpec[]>();
  for (const b of brokers) {
    const tiles: { spec: TileSpec; topic: string; partition: number; rank: number }[] = [];
    for (const tp of b.replicas) {
      const entry = index.get(tp);
      if (!entry || (entry.isInternal && !showInternal)) continue;
      const { topic, partition } = entry.partition;
      // An internal partition holding records (a group's commits) ranks before the empty ones.
      const rank = !entry.isInternal ? 0 : (entry.partition.log?.logEndOffset ?? 0) > 0 ? 1 : 2;
      tiles.push({ spec: { tp, label: tileLabel(tp, topic, entry.isInternal) }, topic, partition, rank });
    }
    // Internal topics after the user's ("__consumer_offsets" sorts first by name, and its 50
    // partitions would push the user's tiles into "+N more"); the used ones first.
    tiles.sort((x, y) => x.rank - y.rank || (x.topic === y.topic ? x.partition - y.partition : x.topic < y.topic ? -1 : 1));
    out.set(b.id, tiles.map((t) => t.spec));
  }
  return out;
}

export function ClusterView({ showInternalTopics = false, className, linkLatency = null }: ClusterViewProps) {
  const [sizeRef, size] = useElementSize<HTMLDivElement>(INITIAL_SIZE);
  // Wide views show the legend as one row along the bottom; narrower ones fold it into a
  // corner disclosure so the broker cards get that height.
  const legendMode = size.width >= LEGEND_ROW_MIN_W_PX ? 'row' : 'disclosure';
  const brokers = useLabStore(selectBrokers);
  const topics = useLabStore(selectTopics);
  const producers = useLabStore(selectProducers);
  const consumers = useLabStore(selectConsumers);
  const adminSeen = useAdminSeen();
  const load = useLabStore(selectInFlightLoad);
  const [canvasMode, setCanvasMode] = useState(false);
  if (load === 2 && !canvasMode) setCanvasMode(true);
  if (load === 0 && canvasMode) setCanvasMode(false);
  const subscribeFrame = useFrameClock();
  const steppedNodes = useUiStore((s) => s.stepReport?.nodes);
  const stepped = new Set(steppedNodes ?? []);

  // Snapshots arrive every frame while the lab runs. Everything structural is memoised on a
  // string key of the cluster's *shape*, so appends and client stats re-render only the
  // pieces that show them (memoised children with stable props).
  const freshTiles = tilesByBroker(brokers, topics, showInternalTopics);
  const tilesKey = [...freshTiles].map(([id, list]) => `${id}:${list.map((t) => t.tp).join(',')}`).join(' ');
  const tiles = useMemo(() => freshTiles, [tilesKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const shapeKey = [
    brokers.map((b) => `${b.id}=${b.nodeId}`).join(','),
    producers.map((p) => p.id).join(','),
    consumers.map((c) => c.id).join(','),
  ].join('|');
  const layout: ClusterLayout = useMemo(() => {
    let longest = 6;
    for (const list of tiles.values()) for (const t of list) longest = Math.max(longest, t.label.length);
    return computeClusterLayout({
      widthPx: size.width,
      heightPx: size.height,
      brokers: brokers.map((b) => ({ id: b.id, nodeId: b.nodeId, tileCount: tiles.get(b.id)?.length ?? 0 })),
      producers: producers.map((p) => p.id),
      consumers: consumers.map((c) => c.id),
      admin: adminSeen,
      longestTileLabelChars: longest,
      reserveBottomPx: legendMode === 'row' ? LEGEND_ROW_H_PX : 0,
    });
  }, [size.width, size.height, tiles, shapeKey, adminSeen, legendMode]); // eslint-disable-line react-hooks/exhaustive-deps

  const aliasPairs: [string, string][] = [
    ...brokers.map((b): [string, string] => [`broker-${b.id}`, b.nodeId]),
    ...[...producers, ...consumers].filter((c) => c.clientId && c.clientId !== c.id).map((c): [string, string] => [c.clientId, c.id]),
  ];
  const aliasKey = aliasPairs.map((p) => p.join('>')).join(',');
  const aliases: NodeAliases = useMemo(() => new Map(aliasPairs), [aliasKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const brokerById = new Map(brokers.map((b) => [b.id, b]));
  const deadKey = brokers.filter((b) => !b.alive).map((b) => b.id).join(',');
  // An isolated broker's links carry nothing either: drawn as dead links.
  const deadNodeKey = brokers.filter((b) => !b.alive || b.isolated).map((b) => b.nodeId).join(',');
  const summary = clusterSummary(brokers, producers.length, consumers.length);

  return (
    <div ref={sizeRef} className={`kl-cluster${className ? ` ${className}` : ''}`}>
      <svg className="kl-cluster-svg" width={layout.width} height={layout.height} role="img" aria-label={summary}>
        <LinkPaths links={layout.links} deadKey={deadNodeKey} />
        <g className="kl-brokers">
          {layout.brokers.map((box) => {
            const b = brokerById.get(box.id);
            return b ? <BrokerCard key={box.id} box={box} broker={b} stepped={stepped.has(box.nodeId)} /> : null;
          })}
        </g>
        <g className="kl-clients">
          {layout.clients.map((box) => (
            <ClientNode
              key={box.nodeId}
              box={box}
              view={producers.find((p) => p.id === box.nodeId) ?? consumers.find((c) => c.id === box.nodeId) ?? null}
              stepped={stepped.has(box.nodeId)}
              colour={clientColour(consumers, box.nodeId)}
            />
          ))}
        </g>
        {!canvasMode && <SvgParticles layout={layout} aliases={aliases} subscribeFrame={subscribeFrame} />}
      </svg>
      {canvasMode && <CanvasParticles layout={layout} aliases={aliases} subscribeFrame={subscribeFrame} />}
      <TileLayer layout={layout} tiles={tiles} deadKey={deadKey} />
      <ClusterLegend mode={legendMode} linkLatency={linkLatency} />
    </div>
  );
}

const LinkPaths = memo(function LinkPaths({ links, deadKey }: { links: ClusterLayout['links']; deadKey: string }) {
  const dead = new Set(deadKey ? deadKey.split(',') : []);
  return (
    <g className="kl-links">
      {links.map((l) => (
        <path
          key={l.key}
          className={`kl-link kl-link--${l.kind}${dead.has(l.a) || dead.has(l.b) ? ' kl-link--dead' : ''}`}
          d={l.d}
        />
      ))}
    </g>
  );
});

const TileLayer = memo(function TileLayer({
  layout,
  tiles,
  deadKey,
}: {
  layout: ClusterLayout;
  tiles: ReadonlyMap<number, readonly TileSpec[]>;
  /** Ids of offline brokers, comma-separated. */
  deadKey: string;
}) {
  const dead = new Set(deadKey ? deadKey.split(',').map(Number) : []);
  const keys = layout.brokers.flatMap((box) => (tiles.get(box.id) ?? []).slice(0, box.tiles.shown).map((t) => tileKey(t.tp, box.id)));
  const roving = useTileRoving(keys);
  return (
    <div className="kl-tiles-layer" role="toolbar" aria-label="Partition replicas (arrow keys move between them)" onKeyDown={roving.onKeyDown}>
      {layout.brokers.map((box) => {
        const list = tiles.get(box.id) ?? [];
        const isDead = dead.has(box.id);
        return (
          <div
            key={box.id}
            role="group"
            aria-label={`Partitions on broker ${box.id}${isDead ? ' (offline)' : ''}`}
            className={isDead ? 'kl-tile-group kl-tile-group--dead' : 'kl-tile-group'}
          >
            {list.slice(0, box.tiles.shown).map((t, i) => {
              const r = tileRect(box.tiles, i);
              return (
                <ReplicaTile
                  key={t.tp}
                  tp={t.tp}
                  brokerId={box.id}
                  label={t.label}
                  x={r.x}
                  y={r.y}
                  width={r.width}
                  height={r.height}
                  fontPx={box.tiles.fontPx}
                  tabStop={roving.current === tileKey(t.tp, box.id)}
                  onFocusTile={roving.onFocus}
                />
              );
            })}
            {box.tiles.hidden > 0 && <MoreTile rect={tileRect(box.tiles, box.tiles.shown)} hidden={box.tiles.hidden} />}
          </div>
        );
      })}
    </div>
  );
});

function MoreTile({ rect, hidden }: { rect: { x: number; y: number; width: number; height: number }; hidden: number }) {
  return (
    <span className="kl-tile kl-tile--more" style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }}>
      +{hidden} more
    </span>
  );
}

/** "Kafka cluster: 3 brokers, controller broker 0, 1 offline, 1 paused, …": the view's accessible name. */
export function clusterSummary(brokers: readonly BrokerView[], producers: number, consumers: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const controller = brokers.find((b) => b.isController);
  const count = (pick: (b: BrokerView) => boolean | undefined): number => brokers.filter((b) => b.alive && pick(b)).length;
  // States beyond offline are named only when some broker is in them.
  const states = [
    [count((b) => b.isolated), 'isolated'],
    [count((b) => b.paused), 'paused'],
    [count((b) => b.zkDisconnected && !b.isolated && !b.paused), 'without ZooKeeper'],
    [count((b) => (b.slowFetchDelayMs ?? 0) > 0), 'slow'],
  ] as const;
  return (
    `Kafka cluster: ${plural(brokers.length, 'broker')}` +
    (controller ? `, controller broker ${controller.id}` : '') +
    `, ${brokers.filter((b) => !b.alive).length} offline` +
    states.map(([n, word]) => (n > 0 ? `, ${n} ${word}` : '')).join('') +
    `, ${plural(producers, 'producer')}, ${plural(consumers, 'consumer')}`
  );
}

/** Whether an admin client has talked to the cluster (then its node stays on screen). */
function useAdminSeen(): boolean {
  const active = useLabStore((s) => s.snapshot?.inFlight.some((m) => m.from === 'admin' || m.to === 'admin') ?? false);
  const [seen, setSeen] = useState(active);
  if (active && !seen) setSeen(true);
  return seen || active;
}

/** A running group member's colour (the one its partitions' tiles carry); null otherwise. */
function clientColour(consumers: readonly ConsumerView[], id: string): string | null {
  const i = consumers.findIndex((c) => c.id === id);
  const c = consumers[i];
  return c?.group && !c.ended ? memberColour(i) : null;
}
