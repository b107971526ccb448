export { SimKernel, type TaskId } from './SimKernel';
export { Random } from './Random';
export { EventLog, formatEvent, formatTime, type LabEvent, type LabEventKind, type LabEventListener } from './EventLog';
