export { SimKernel, type StepRecord, type TaskId } from './SimKernel';
export { Random } from './Random';
export {
  EventLog, formatEvent, formatTime, lazy, LazyText, EVENT_LOG_MAX_BYTES, EVENT_LOG_MAX_EVENTS,
  type EventText, type LabEvent, type LabEventKind, type LabEventListener,
} from './EventLog';
