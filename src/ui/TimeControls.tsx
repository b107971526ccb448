import { useLabStore } from '../runtime/store';
import { SPEED_PRESETS, formatRealSpeed, formatSpeed, roundSpeed } from '../runtime/framePacing';
import { useRuntime } from './RuntimeContext';
import { selectPlaying, selectSpeed } from './selectors';
import { SimClock } from './SimClock';
import { stepAndReport } from './stepReport';
import { PauseIcon, PlayIcon, StepIcon } from './Icons';

export function TimeControls() {
  const runtime = useRuntime();
  const playing = useLabStore(selectPlaying);
  const speed = useLabStore(selectSpeed);
  const realSpeed = useLabStore((s) => s.status.realSpeed);
  return (
    <div className="time-controls" role="group" aria-label="Simulated time">
      <button
        type="button"
        className="btn btn-icon"
        onClick={() => runtime.togglePlaying()}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause simulated time (Space)' : 'Run simulated time (Space)'}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
        <span className="btn-icon-label">{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button
        type="button"
        className="btn btn-icon"
        onClick={() => stepAndReport(runtime)}
        title="Run exactly one engine event (pauses first) and show what it did (.)"
      >
        <StepIcon />
        <span className="btn-icon-label">Step</span>
      </button>
      <label
        className="speed"
        title={
          speed < 1
            ? `Slow motion: 1 s of simulated time takes ${Math.round(1 / speed)} s on the wall clock`
            : speed > 1
              ? `Fast forward: ${speed} s of simulated time per wall-clock second`
              : 'Simulated time runs as fast as the wall clock'
        }
      >
        <span>Speed</span>
        <select value={String(speed)} onChange={(e) => runtime.setSpeed(Number(e.target.value))}>
          {SPEED_PRESETS.map((s) => (
            <option key={s} value={String(s)}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </label>
      {playing && realSpeed !== null && (
        <span
          className="muted real-speed"
          data-real-speed
          role="status"
          aria-label={formatRealSpeed(realSpeed, speed)}
          title={`${formatRealSpeed(realSpeed, speed)}: this computer cannot run the engine that fast, so simulated time runs slower than chosen`}
        >
          {/* Narrow windows keep "at 23×" beside the speed select; the full sentence stays in the name and title. */}
          <span className="wide-only">running </span>at {formatSpeed(roundSpeed(realSpeed))}
          <span className="wide-only"> of {formatSpeed(speed)}</span>
        </span>
      )}
      <SimClock />
    </div>
  );
}
