/**
 * Messages on the wire. React reconciles only the set of in-flight ids (when a snapshot
 * changes); each frame one listener moves every particle by writing its SVG transform
 * directly (allocation-free via SVGTransform.setTranslate), or, above a few hundred
 * messages, paints them all on one canvas.
 */
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageView } from '../../engine/snapshot';
import { useLabStore } from '../../runtime/store';
import type { Point } from './geometry/bezier';
import { findLink, labelHitsNode, type ClusterLayout, type LinkRef } from './geometry/clusterLayout';
import { droppedOpacity, messagePointInto, messageProgress } from './geometry/messageMotion';
import { DROPPED_FILL, FAMILY_STYLES, messageFamily, messageLook } from './geometry/messageStyle';
import type { SubscribeFrame } from './frameClock';
import { inFlightIndex, selectInFlightIds } from '../selectors';

/** Node-id aliases (a client's clientId, "broker-N") → the node id the layout uses. */
export type NodeAliases = ReadonlyMap<string, string>;

interface Particle {
  readonly el: SVGGElement;
  readonly translate: SVGTransform | null;
  msg: MessageView;
  link: LinkRef | null;
  lastX: number;
  lastY: number;
  lastOpacity: number;
  /** The API-name label, when shown; hidden while it would cover a node's name. */
  label: SVGTextElement | null;
  labelW: number;
  labelShown: boolean;
}

/** Label text metrics (13 px semibold): the box tested against nodes, centred 15 px above the dot. */
const LABEL_CHAR_W_PX = 7.6;
const LABEL_H_PX = 17;
const LABEL_DY_PX = -15.5;

interface ParticleShared {
  readonly registry: Map<number, Particle>;
  readonly nowMs: { current: number };
  readonly layout: { current: ClusterLayout };
  readonly aliases: { current: NodeAliases };
}

const scratch: Point = { x: 0, y: 0 };

function resolve(layout: ClusterLayout, aliases: NodeAliases, m: MessageView): LinkRef | null {
  return findLink(layout.linkIndex, aliases.get(m.from) ?? m.from, aliases.get(m.to) ?? m.to);
}

/** Move one particle to where it is at `nowMs`; writes only what changed. */
function place(p: Particle, nowMs: number, layout: ClusterLayout): void {
  if (!p.link) {
    if (p.lastOpacity !== 0) {
      p.el.setAttribute('opacity', '0');
      p.lastOpacity = 0;
    }
    return;
  }
  const t = messageProgress(nowMs, p.msg.sendTimeMs, p.msg.arriveTimeMs);
  messagePointInto(p.link, t, scratch);
  const x = Math.round(scratch.x * 4) / 4;
  const y = Math.round(scratch.y * 4) / 4;
  if (x !== p.lastX || y !== p.lastY) {
    if (p.translate) p.translate.setTranslate(x, y);
    else p.el.setAttribute('transform', `translate(${x},${y})`);
    p.lastX = x;
    p.lastY = y;
    if (p.label) {
      const show = !labelHitsNode(layout, x, y + LABEL_DY_PX, p.labelW, LABEL_H_PX);
      if (show !== p.labelShown) {
        p.label.setAttribute('visibility', show ? 'visible' : 'hidden');
        p.labelShown = show;
      }
    }
  }
  const opacity = p.msg.dropped ? Math.round(droppedOpacity(t) * 20) / 20 : 1;
  if (opacity !== p.lastOpacity) {
    p.el.setAttribute('opacity', String(opacity));
    p.lastOpacity = opacity;
  }
}

export interface ParticlesProps {
  readonly layout: ClusterLayout;
  readonly aliases: NodeAliases;
  readonly subscribeFrame: SubscribeFrame;
  /** Show the API name beside each particle while there are few of them. */
  readonly labelsUpTo?: number;
}

/** SVG particles (a <g> to place inside the cluster SVG, above links and cards). */
export const SvgParticles = memo(function SvgParticles({ layout, aliases, subscribeFrame, labelsUpTo = 6 }: ParticlesProps) {
  const ids = useLabStore(useShallow(selectInFlightIds));
  const shared = useRef<ParticleShared | null>(null);
  if (shared.current === null) {
    shared.current = {
      registry: new Map(),
      nowMs: { current: useLabStore.getState().snapshot?.nowMs ?? 0 },
      layout: { current: layout },
      aliases: { current: aliases },
    };
  }
  const s = shared.current;

  useLayoutEffect(() => {
    s.layout.current = layout;
    s.aliases.current = aliases;
    for (const p of s.registry.values()) {
      p.link = resolve(layout, aliases, p.msg);
      p.lastX = NaN;
      place(p, s.nowMs.current, layout);
    }
  }, [layout, aliases, s]);

  useEffect(
    () =>
      subscribeFrame((nowMs) => {
        s.nowMs.current = nowMs;
        for (const p of s.registry.values()) place(p, nowMs, s.layout.current);
      }),
    [subscribeFrame, s],
  );

  const showLabels = ids.length <= labelsUpTo;
  return (
    <g className="kl-particles" aria-hidden="true">
      {ids.map((id) => (
        <SvgParticle key={id} id={id} shared={s} showLabel={showLabels} />
      ))}
    </g>
  );
});

const SvgParticle = memo(function SvgParticle({
  id,
  shared,
  showLabel,
}: {
  id: number;
  shared: ParticleShared;
  showLabel: boolean;
}) {
  const msg = useLabStore((st) => (st.snapshot ? inFlightIndex(st.snapshot.inFlight).get(id) : undefined));
  const ref = useRef<SVGGElement>(null);

  // Register before paint and place immediately, so a new particle never flashes at (0, 0).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !msg) return;
    let p = shared.registry.get(id);
    if (!p) {
      p = { el, translate: makeTranslate(el), msg, link: null, lastX: NaN, lastY: NaN, lastOpacity: NaN, label: null, labelW: 0, labelShown: true };
      shared.registry.set(id, p);
    }
    p.msg = msg;
    p.label = el.querySelector('text');
    p.labelW = (p.label?.textContent?.length ?? 0) * LABEL_CHAR_W_PX + 4;
    p.labelShown = p.label?.getAttribute('visibility') !== 'hidden';
    p.link = resolve(shared.layout.current, shared.aliases.current, msg);
    p.lastX = NaN;
    place(p, shared.nowMs.current, shared.layout.current);
  }, [id, msg, shared, showLabel]);
  useLayoutEffect(() => () => void shared.registry.delete(id), [id, shared]);

  if (!msg) return null;
  const look = messageLook(msg);
  const w = look.widthPx;
  const h = look.heightPx;
  const response = msg.direction === 'response';
  return (
    <g
      ref={ref}
      className={`kl-particle kl-particle--${look.family}${look.dropped ? ' kl-particle--dropped' : ''}`}
      opacity={0}
      data-msg-id={id}
    >
      {look.dropped ? (
        <>
          <circle r={8} fill={look.fill} stroke="#fff" strokeWidth={1.5} />
          <path d="M-3.5,-3.5 L3.5,3.5 M3.5,-3.5 L-3.5,3.5" stroke="#fff" strokeWidth={2.2} strokeLinecap="round" />
        </>
      ) : (
        <rect
          x={-w / 2}
          y={-h / 2}
          width={w}
          height={h}
          rx={look.radiusPx}
          fill={look.fill}
          stroke={response || look.family === 'replicaFetch' ? look.stroke : '#fff'}
          strokeWidth={response ? 2 : 1.25}
        />
      )}
      {showLabel && (
        <text className="kl-particle-label" y={-11} textAnchor="middle">
          {msg.direction === 'response' ? `${look.name} ✓` : look.name}
          {msg.dropped ? ' ✕' : ''}
        </text>
      )}
    </g>
  );
});

function makeTranslate(el: SVGGElement): SVGTransform | null {
  const svg = el.ownerSVGElement;
  if (!svg || !el.transform) return null;
  const t = svg.createSVGTransform();
  t.setTranslate(0, 0);
  el.transform.baseVal.initialize(t);
  return t;
}

/** Fill for the canvas path: existing strings only, nothing allocated per frame. */
function canvasFill(m: MessageView): string {
  if (m.dropped) return DROPPED_FILL;
  const style = FAMILY_STYLES[messageFamily(m)];
  return m.direction === 'response' ? style.responseFill : style.fill;
}

/** Canvas particles for heavy traffic: one element, repainted each frame. */
export function CanvasParticles({ layout, aliases, subscribeFrame }: ParticlesProps) {
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
    canvas.width = Math.round(layout.width * dpr);
    canvas.height = Math.round(layout.height * dpr);
    return subscribeFrame((nowMs) => {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, layout.width, layout.height);
      const inFlight = useLabStore.getState().snapshot?.inFlight;
      if (!inFlight) return;
      for (let i = 0; i < inFlight.length; i++) {
        const m = inFlight[i]!;
        const link = resolve(layout, aliases, m);
        if (!link) continue;
        const t = messageProgress(nowMs, m.sendTimeMs, m.arriveTimeMs);
        messagePointInto(link, t, scratch);
        ctx.globalAlpha = m.dropped ? droppedOpacity(t) : 1;
        ctx.fillStyle = canvasFill(m);
        ctx.beginPath();
        ctx.arc(scratch.x, scratch.y, m.direction === 'response' ? 3.5 : 4.5, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    });
  }, [layout, aliases, subscribeFrame]);

  return (
    <canvas
      ref={ref}
      className="kl-particles-canvas"
      aria-hidden="true"
      style={{ width: layout.width, height: layout.height }}
    />
  );
}
