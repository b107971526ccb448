/**
 * Client configs the lab accepts but does not model: networking, metrics, interceptors and
 * security keys from CommonClientConfigs, SslConfigs.addClientSslSupport and
 * SaslConfigs.addClientSaslSupport ([SRC] 2.4.1 and 3.9 clients/…). Kafka clients accept them,
 * so a learner's real client config must load here too; each is marked `modelled: false` and
 * its doc says what the lab does instead. Keys arrive with `since` so 2.4 refuses later ones.
 */
import { byVersion, type ConfigRow, type ConfigType, type ConfigValue, type KafkaVersion, type RowOptions, validators as v } from './types';

/** One not-modelled row: the doc gets the lab's note appended. */
export function notModelled(
  name: string, type: ConfigType, dflt: ConfigValue | Readonly<Record<KafkaVersion, ConfigValue>>, doc: string, options: RowOptions = {},
): ConfigRow {
  return [name, type, dflt, 'low', `${doc} Accepted; the lab does not model it.`, { ...options, modelled: false }];
}

const SSL_ROWS: readonly ConfigRow[] = [
  notModelled('ssl.protocol', 'string', byVersion('TLS', 'TLSv1.3'), 'TLS protocol for SSLContext; the lab\'s connections are not encrypted.'),
  notModelled('ssl.provider', 'string', null, 'Security provider for SSL connections.'),
  notModelled('ssl.cipher.suites', 'list', null, 'Cipher suites allowed for TLS.'),
  notModelled('ssl.enabled.protocols', 'list', byVersion(['TLSv1.2', 'TLSv1.1', 'TLSv1'], ['TLSv1.2', 'TLSv1.3']), 'TLS versions enabled for connections.'),
  notModelled('ssl.keystore.type', 'string', 'JKS', 'File format of the key store.'),
  notModelled('ssl.keystore.location', 'string', null, 'Path of the key store.'),
  notModelled('ssl.keystore.password', 'password', null, 'Password of the key store.'),
  notModelled('ssl.key.password', 'password', null, 'Password of the private key.'),
  notModelled('ssl.keystore.key', 'password', null, 'Private key in PEM format.', { since: '2.7' }),
  notModelled('ssl.keystore.certificate.chain', 'password', null, 'Certificate chain in PEM format.', { since: '2.7' }),
  notModelled('ssl.truststore.certificates', 'password', null, 'Trusted certificates in PEM format.', { since: '2.7' }),
  notModelled('ssl.truststore.type', 'string', 'JKS', 'File format of the trust store.'),
  notModelled('ssl.truststore.location', 'string', null, 'Path of the trust store.'),
  notModelled('ssl.truststore.password', 'password', null, 'Password of the trust store.'),
  notModelled('ssl.keymanager.algorithm', 'string', 'SunX509', 'Key manager factory algorithm (the JVM default).'),
  notModelled('ssl.trustmanager.algorithm', 'string', 'PKIX', 'Trust manager factory algorithm (the JVM default).'),
  notModelled('ssl.endpoint.identification.algorithm', 'string', 'https', 'Check the broker\'s host name against its certificate.'),
  notModelled('ssl.secure.random.implementation', 'string', null, 'SecureRandom implementation for SSL.'),
  notModelled('ssl.engine.factory.class', 'class', null, 'A custom SslEngineFactory.', { since: '2.6' }),
];

const SASL_ROWS: readonly ConfigRow[] = [
  notModelled('sasl.kerberos.service.name', 'string', null, 'Kerberos principal name Kafka runs as.'),
  notModelled('sasl.kerberos.kinit.cmd', 'string', '/usr/bin/kinit', 'Kerberos kinit command path.'),
  notModelled('sasl.kerberos.ticket.renew.window.factor', 'double', 0.8, 'Renew the Kerberos ticket after this fraction of its lifetime.'),
  notModelled('sasl.kerberos.ticket.renew.jitter', 'double', 0.05, 'Random jitter added to the renewal time.'),
  notModelled('sasl.kerberos.min.time.before.relogin', 'long', 60000, 'Sleep between refresh attempts of the login thread.'),
  notModelled('sasl.login.refresh.window.factor', 'double', 0.8, 'Refresh the login credential after this fraction of its lifetime.'),
  notModelled('sasl.login.refresh.window.jitter', 'double', 0.05, 'Random jitter added to the refresh time.'),
  notModelled('sasl.login.refresh.min.period.seconds', 'short', 60, 'Minimum wait before refreshing a credential.'),
  notModelled('sasl.login.refresh.buffer.seconds', 'short', 300, 'Time to keep before credential expiry when refreshing.'),
  notModelled('sasl.mechanism', 'string', 'GSSAPI', 'SASL mechanism for client connections.'),
  notModelled('sasl.jaas.config', 'password', null, 'JAAS login context for SASL connections.'),
  notModelled('sasl.client.callback.handler.class', 'class', null, 'SASL client callback handler.'),
  notModelled('sasl.login.callback.handler.class', 'class', null, 'SASL login callback handler.'),
  notModelled('sasl.login.class', 'class', null, 'Class that implements the Login interface.'),
  notModelled('sasl.login.connect.timeout.ms', 'int', null, 'OAuth login connect timeout.', { since: '3.1' }),
  notModelled('sasl.login.read.timeout.ms', 'int', null, 'OAuth login read timeout.', { since: '3.1' }),
  notModelled('sasl.login.retry.backoff.max.ms', 'long', 10000, 'Cap of the OAuth login retry backoff.', { since: '3.1' }),
  notModelled('sasl.login.retry.backoff.ms', 'long', 100, 'First OAuth login retry backoff.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.scope.claim.name', 'string', 'scope', 'OAuth claim that holds the scope.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.sub.claim.name', 'string', 'sub', 'OAuth claim that holds the subject.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.token.endpoint.url', 'string', null, 'OAuth token endpoint.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.jwks.endpoint.url', 'string', null, 'OAuth JWKS endpoint.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.jwks.endpoint.refresh.ms', 'long', 3600000, 'How often the JWKS cache refreshes.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms', 'long', 10000, 'Cap of the JWKS retry backoff.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.jwks.endpoint.retry.backoff.ms', 'long', 100, 'First JWKS retry backoff.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.clock.skew.seconds', 'int', 30, 'Allowed clock skew for OAuth tokens.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.expected.audience', 'list', null, 'Expected OAuth audiences.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.expected.issuer', 'string', null, 'Expected OAuth issuer.', { since: '3.1' }),
  notModelled('sasl.oauthbearer.header.urlencode', 'boolean', false, 'URL-encode the OAuth client id and secret.', { since: '3.9' }),
];

/**
 * Keys both clients define with the same default. Buffer sizes differ between producer and
 * consumer (receive.buffer.bytes 32 KiB vs 64 KiB), so they are passed in.
 */
export function commonClientRows(receiveBufferBytes: number): readonly ConfigRow[] {
  return [
    notModelled('client.dns.lookup', 'string', byVersion('default', 'use_all_dns_ips'),
      'How the client resolves bootstrap and broker host names; the lab\'s brokers have no DNS.',
      { validator: v.oneOf('default', 'use_all_dns_ips', 'resolve_canonical_bootstrap_servers_only') }),
    notModelled('send.buffer.bytes', 'int', 131072, 'TCP send buffer size (-1: the OS default).', { validator: v.atLeast(-1) }),
    notModelled('receive.buffer.bytes', 'int', receiveBufferBytes, 'TCP receive buffer size (-1: the OS default).', { validator: v.atLeast(-1) }),
    notModelled('reconnect.backoff.ms', 'long', 50, 'Pause before reconnecting to a broker.', { validator: v.atLeast(0) }),
    notModelled('reconnect.backoff.max.ms', 'long', 1000, 'Cap for the growing reconnect pause.', { validator: v.atLeast(0) }),
    notModelled('connections.max.idle.ms', 'long', 540000, 'Close connections idle this long.'),
    notModelled('socket.connection.setup.timeout.ms', 'long', 10000, 'Time to wait for a connection to be set up.', { since: '2.7' }),
    notModelled('socket.connection.setup.timeout.max.ms', 'long', 30000, 'Cap for the growing connection setup timeout.', { since: '2.7' }),
    notModelled('metrics.sample.window.ms', 'long', 30000, 'Window a metric sample covers.', { validator: v.atLeast(0) }),
    notModelled('metrics.num.samples', 'int', 2, 'Samples kept per metric.', { validator: v.atLeast(1) }),
    notModelled('metrics.recording.level', 'string', 'INFO', 'Highest metrics recording level.', { validator: v.oneOf('INFO', 'DEBUG', 'TRACE') }),
    notModelled('metric.reporters', 'list', [], 'Classes notified of new metrics.'),
    notModelled('auto.include.jmx.reporter', 'boolean', true, 'Add the JMX reporter whatever metric.reporters says.', { since: '3.4' }),
    notModelled('enable.metrics.push', 'boolean', true, 'Push client metrics to brokers that ask for them (KIP-714).', { since: '3.7' }),
    notModelled('interceptor.classes', 'list', [], 'Interceptors that see every record; the lab cannot load Java classes.'),
    notModelled('security.protocol', 'string', 'PLAINTEXT', 'Protocol used to talk to brokers; the lab\'s connections are always plaintext.',
      { validator: v.oneOf('PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL') }),
    notModelled('security.providers', 'string', null, 'Configurable security provider creator classes.'),
    notModelled('metadata.recovery.strategy', 'string', 'none', 'Rebootstrap when every known broker is gone (KIP-899).',
      { since: '3.8', validator: v.oneOf('none', 'rebootstrap') }),
    ...SSL_ROWS,
    ...SASL_ROWS,
  ];
}
