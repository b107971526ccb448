/**
 * The store's selectors live in one module, src/ui/selectors.ts; this path re-exports the
 * ones the viz files import (so a view need not know which module a selector came from).
 */
export {
  inFlightIndex,
  partitionIndex,
  partitionOf,
  selectBrokers,
  selectConsumers,
  selectInFlightIds,
  selectInFlightLoad,
  selectProducers,
  selectSelectTp,
  selectSelectedTp,
  selectTopics,
  type PartitionEntry,
} from '../selectors';
