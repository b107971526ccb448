export { brokerNodeId, type Envelope, type NetworkEndpoint, type NodeId } from './Envelope';
export { SimNetwork, DEFAULT_LINK, type LinkOptions } from './SimNetwork';
export { NetworkClient, type RequestOutcome } from './NetworkClient';
export { messageSizeBytes } from './messageSize';
