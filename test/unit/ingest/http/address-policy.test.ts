import { describe, expect, it } from 'vitest';
import { classifyAddress, parseIp } from '../../../../shared/ingest/http/address-policy.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.10.10', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
  ])('refuses %s as %s unless private hosts are allowed', (address, words) => {
    // Act
    const verdict = classifyAddress(address);
    // Assess
    expect(verdict.kind).toBe('non-public');
    expect(verdict.kind === 'non-public' && verdict.label).toContain(words);
  });

  it.each(['169.254.169.254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', 'fd00:ec2::254', '169.254.170.2', '64:ff9b::a9fe:a9fe'])(
    'always refuses the cloud metadata endpoint %s',
    (address) => {
      // Act
      const verdict = classifyAddress(address);
      // Assess
      expect(verdict.kind).toBe('metadata');
    },
  );

  it.each(['93.184.216.34', '151.101.0.81', '2a04:4e42::81', '::ffff:93.184.216.34', '172.32.0.1', '100.128.0.1'])(
    'allows the public address %s',
    (address) => {
      // Act
      const verdict = classifyAddress(address);
      // Assess
      expect(verdict.kind).toBe('public');
    },
  );

  it('refuses what is not an IP address at all', () => {
    // Act
    const verdict = classifyAddress('not-an-ip');
    // Assess
    expect(verdict.kind).toBe('non-public');
  });
});

describe('parseIp', () => {
  it('reads compressed, bracketed and dotted-tail IPv6 to the same bytes', () => {
    // Prepare
    const spellings = ['::ffff:127.0.0.1', '[::ffff:7f00:1]', '0:0:0:0:0:ffff:7f00:0001'];
    // Act
    const parsed = spellings.map(parseIp);
    // Assess
    for (const bytes of parsed) expect(bytes).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1]);
  });
});
