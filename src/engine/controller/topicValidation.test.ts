import { describe, expect, it } from 'vitest';
import {
  collidingTopic, collidingTopics, hasCollision, hasCollisionChars, isInternalTopic, topicCollisionMessage,
  validateTopicName,
} from './topicValidation';

describe('validateTopicName (Topic.validate)', () => {
  it('accepts legal names, including the longest allowed', () => {
    for (const name of ['orders', 'Orders-2024', 'a.b_c-d', '__consumer_offsets', '_', 'x'.repeat(249)]) {
      expect(validateTopicName(name), name).toBeNull();
    }
  });

  it('rejects the empty name', () => {
    expect(validateTopicName('')).toBe("Topic name is illegal, it can't be empty");
  });

  it('rejects "." and ".."', () => {
    expect(validateTopicName('.')).toBe('Topic name cannot be "." or ".."');
    expect(validateTopicName('..')).toBe('Topic name cannot be "." or ".."');
    expect(validateTopicName('...')).toBeNull();
  });

  it('rejects names longer than 249 characters', () => {
    const name = 'x'.repeat(250);
    expect(validateTopicName(name)).toBe(`Topic name is illegal, it can't be longer than 249 characters, topic name: ${name}`);
  });

  it('rejects characters outside [a-zA-Z0-9._-]', () => {
    for (const name of ['my topic', 'orders/eu', 'café', 'a:b', 'tab\t']) {
      expect(validateTopicName(name)).toBe(
        `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`);
    }
  });
});

describe('collisions between "." and "_"', () => {
  it('detects collision characters and collisions', () => {
    expect(hasCollisionChars('a.b')).toBe(true);
    expect(hasCollisionChars('a_b')).toBe(true);
    expect(hasCollisionChars('a-b')).toBe(false);
    expect(hasCollision('a.b', 'a_b')).toBe(true);
    expect(hasCollision('a.b', 'a-b')).toBe(false);
  });

  it('finds the existing topic a new name collides with', () => {
    expect(collidingTopic('a.b', ['orders', 'a_b'])).toBe('a_b');
    expect(collidingTopic('a.b', new Set(['orders']))).toBeNull();
    expect(collidingTopic('ab', ['ab'])).toBeNull();
  });

  it('does not call the same name a collision (that is TOPIC_ALREADY_EXISTS)', () => {
    expect(collidingTopic('a.b', ['a.b'])).toBeNull();
    expect(collidingTopics('a.b_c', ['a.b_c', 'a_b.c', 'a.b.c'])).toEqual(['a.b.c', 'a_b.c']);
  });

  it('words the error like AdminZkClient', () => {
    const colliding = collidingTopics('a.b', ['a_b']);
    expect(topicCollisionMessage('a.b', colliding)).toBe("Topic 'a.b' collides with existing topics: a_b");
  });
});

describe('internal topics', () => {
  it('knows __consumer_offsets and __transaction_state', () => {
    expect(isInternalTopic('__consumer_offsets')).toBe(true);
    expect(isInternalTopic('__transaction_state')).toBe(true);
    expect(isInternalTopic('__my_topic')).toBe(false);
  });
});
