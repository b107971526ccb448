export { GroupSink, SINK_ROWS_SHOWN, recordId, type SinkClock } from './GroupSink';
export { GroupSinks } from './GroupSinks';
export { SinkProcessing, type ProcessingClock } from './SinkProcessing';
export { ranges as describeOffsetRanges } from './describeBatch';
export { SINK_REMEDIES, isSinkRemedy, type ProcessingBatch, type ProcessingSink, type SinkRemedy, type SinkRow, type SinkView, type SinkWriteOutcome } from './types';
