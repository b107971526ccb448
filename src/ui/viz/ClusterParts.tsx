/** SVG pieces of the cluster view: broker cards and client nodes (static between snapshots). */
import { memo } from 'react';
import type { BrokerView, ConsumerView, ProducerView } from '../../engine/snapshot';
import { brokerStateWords, describeBrokerState, fitStateText } from './geometry/brokerState';
import type { BrokerBox, ClientBox } from './geometry/clusterLayout';
import './clusterReplication.css';

/** Advance widths of the card's header fonts (19 px bold name, 13 px mono host). */
const NAME_CHAR_W_PX = 11.8;
const HOST_CHAR_W_PX = 7.9;
const BADGE_W_PX = 100;
const STAR_W_PX = 22;
const HEADER_GAP_PX = 14;

export interface TopHeaderPlan {
  readonly showHost: boolean;
  /** The controller mark: the full badge, a star after the name, or nothing (not controller). */
  readonly controller: 'badge' | 'star' | null;
}

/**
 * What fits in a one-line card header `cardW` wide without overlapping: name, host:port and
 * the controller badge if there is room, else the badge shrinks to a star, then the host goes.
 */
export function topHeaderPlan(cardW: number, nameChars: number, hostChars: number, isController: boolean): TopHeaderPlan {
  const avail = cardW - 32;
  const name = nameChars * NAME_CHAR_W_PX;
  const host = HEADER_GAP_PX + hostChars * HOST_CHAR_W_PX;
  const mark = (w: number): number => (isController ? HEADER_GAP_PX + w : 0);
  if (name + host + mark(BADGE_W_PX) <= avail) return { showHost: true, controller: isController ? 'badge' : null };
  if (name + host + mark(STAR_W_PX) <= avail) return { showHost: true, controller: isController ? 'star' : null };
  return { showHost: false, controller: isController ? 'star' : null };
}

export const BrokerCard = memo(function BrokerCard({ box, broker, stepped = false }: { box: BrokerBox; broker: BrokerView; stepped?: boolean }) {
  const { rect, header } = box;
  const alive = broker.alive;
  // Why this broker is not simply running (down, isolated, paused, no ZooKeeper, slow), if it is not.
  const words = brokerStateWords(broker);
  const primary = words[0]?.key ?? null;
  const name = `Broker ${broker.id}`;
  const hostPort = `${broker.host}:${broker.port}`;
  const leads = broker.leaderOf.length;
  const left = box.headerPlacement === 'left';
  // Short cards (many brokers) keep name and host:port; the controller badge shrinks to a star.
  const compact = left && rect.height < 100;
  // Very short cards (7–9 brokers on a small screen): the name alone, centred, and the star.
  const tiny = left && rect.height < 44;
  const nameW = name.length * NAME_CHAR_W_PX;
  const top = topHeaderPlan(rect.width, name.length, hostPort.length, broker.isController);
  const hx = header.x + 16;
  const nameY = tiny ? rect.y + rect.height / 2 + 6.5 : header.y + (compact ? Math.min(28, rect.height / 2 - 2) : left ? 30 : 23);
  const hostY = compact ? nameY + 19 : header.y + 50;
  // A one-line header's state goes after the name, up to the controller mark.
  const starAfterName = top.controller === 'star' && !top.showHost;
  const topStateX = hx + nameW + HEADER_GAP_PX + (starAfterName ? STAR_W_PX + 6 : 0);
  const topStateW = rect.x + rect.width - topStateX - (top.controller === 'badge' ? 124 : top.controller === 'star' && !starAfterName ? 40 : 16);
  const sideW = header.width - 28;
  const state = fitStateText(words, left ? sideW : topStateW);
  const cls = ['kl-broker', alive ? '' : 'kl-broker--dead', ...words.map((w) => `kl-broker--${w.key}`), broker.isController ? 'kl-broker--controller' : '', stepped ? 'kl-node--step' : ''];
  const metaCls = `kl-broker-meta${primary ? ` kl-broker-meta--${primary}` : ''}`;
  return (
    <g className={cls.filter(Boolean).join(' ')}>
      <title>{`${name}: ${describeBrokerState(broker)}${broker.isController ? ', controller' : ''}`}</title>
      <rect className="kl-broker-card" x={rect.x} y={rect.y} width={rect.width} height={rect.height} rx={12} />
      {left && <line className="kl-broker-divider" x1={header.x + header.width - 8} x2={header.x + header.width - 8} y1={rect.y + 10} y2={rect.y + rect.height - 10} />}
      <text className="kl-broker-name" x={hx} y={nameY}>
        {name}
      </text>
      {!alive && <line className="kl-broker-strike" x1={hx - 3} x2={hx + nameW + 3} y1={nameY - 6} y2={nameY - 6} />}
      {/* host:port gives way to the state where they would share a place. */}
      {((left && !tiny && !(compact && state)) || (!left && top.showHost && !state)) && (
        <text className="kl-broker-host" x={left ? hx : hx + nameW + HEADER_GAP_PX} y={left ? hostY : nameY}>
          {hostPort}
        </text>
      )}
      {compact ? (
        <>
          {/* A tiny card's narrow header has no room after the name: the star sits on the card's corner. */}
          {broker.isController && (tiny ? <ControllerStar x={rect.x + 2} y={rect.y + 2} /> : <ControllerStar x={hx + nameW + 14} y={nameY - 6} />)}
          {state && !tiny && (
            <text className={metaCls} x={hx} y={hostY}>
              {state}
            </text>
          )}
        </>
      ) : left ? (
        <>
          <text className={metaCls} x={hx} y={header.y + 70}>
            {state ?? `leads ${leads} of ${broker.replicas.length}`}
          </text>
          {broker.isController && <ControllerBadge x={hx} y={header.y + Math.min(header.height - 26, 80)} />}
        </>
      ) : (
        <>
          {top.controller === 'badge' && <ControllerBadge x={rect.x + rect.width - 112} y={header.y + 6} />}
          {top.controller === 'star' && (
            <ControllerStar x={top.showHost ? rect.x + rect.width - 16 - STAR_W_PX / 2 : hx + nameW + HEADER_GAP_PX} y={nameY - 6} />
          )}
          {/* A one-line header says the state where host:port was. */}
          {state && (
            <text className={metaCls} x={topStateX} y={nameY}>
              {state}
            </text>
          )}
        </>
      )}
    </g>
  );
});

function ControllerStar({ x, y }: { x: number; y: number }) {
  return (
    <g className="kl-badge kl-badge--controller" transform={`translate(${x},${y})`}>
      <title>controller</title>
      <circle r={11} />
      <text y={5} textAnchor="middle">
        ★
      </text>
    </g>
  );
}

function ControllerBadge({ x, y }: { x: number; y: number }) {
  return (
    <g className="kl-badge kl-badge--controller" transform={`translate(${x},${y})`}>
      <rect width={100} height={22} rx={11} />
      <text x={50} y={15.5} textAnchor="middle">
        ★ controller
      </text>
    </g>
  );
}

/** One line under the client's name: a producer's rate or acks, a consumer's total lag. */
export function clientSubtitle(kind: ClientBox['kind'], view: ProducerView | ConsumerView | null): string {
  if (kind === 'admin' || !view) return 'admin client';
  if ('assignment' in view) {
    if (view.ended) return view.ended;
    const lag = `lag ${view.assignment.reduce((sum, a) => sum + (a.lag ?? 0), 0)}`;
    return view.group ? `${view.group.groupId} · ${lag}` : lag;
  }
  return view.stream ? `${view.stream.recordsPerSecond} rec/s → ${view.stream.topic}` : `${view.acked} acked`;
}

export const ClientNode = memo(function ClientNode({
  box,
  view,
  stepped = false,
  colour = null,
}: {
  box: ClientBox;
  view: ProducerView | ConsumerView | null;
  /** Took part in the last Step. */
  stepped?: boolean;
  /** A group member's colour (its partitions' tiles carry it too); null for other clients. */
  colour?: string | null;
}) {
  const { rect } = box;
  const cx = rect.x + rect.width / 2;
  const twoLines = rect.height >= 46;
  return (
    <g className={`kl-client kl-client--${box.kind}${stepped ? ' kl-node--step' : ''}`}>
      <rect className="kl-client-box" x={rect.x} y={rect.y} width={rect.width} height={rect.height} rx={rect.height / 2 > 22 ? 14 : rect.height / 2} />
      {colour && <rect className="kl-client-member" x={rect.x + 5} y={rect.y + 6} width={5} height={Math.max(4, rect.height - 12)} rx={2.5} fill={colour} />}
      <text className="kl-client-name" x={cx} y={rect.y + (twoLines ? rect.height / 2 - 3 : rect.height / 2 + 5)} textAnchor="middle">
        {box.nodeId}
      </text>
      {twoLines && (
        <text className="kl-client-sub" x={cx} y={rect.y + rect.height / 2 + 15} textAnchor="middle">
          {clientSubtitle(box.kind, view)}
        </text>
      )}
    </g>
  );
});
