// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { listenerFor } from './listen';
import { askerOfBrain, askerOfHost, NoAnswer, type WireMessage } from './ask';

describe('ask', () => {
  it('resolves to the answer, and rejects with NoAnswer when nobody answered', async () => {
    const sent: WireMessage[] = [];
    const ask = askerOfBrain(async (message) => (sent.push(message), message.kind === 'hello' ? { configs: [] } : undefined));
    await expect(ask({ to: 'brain', kind: 'hello' })).resolves.toEqual({ configs: [] });
    await expect(ask({ to: 'brain', kind: 'reconnect' })).rejects.toBeInstanceOf(NoAnswer);
    expect(sent.map((m) => m.kind)).toEqual(['hello', 'reconnect']);
    await expect(askerOfHost(async () => null)({ to: 'host', kind: 'status', key: 'k' })).rejects.toThrow('no answer to status');
  });
});

describe('listen', () => {
  const sender = { id: 'ours', url: 'chrome-extension://ours/popup.html' };
  const answer = listenerFor('brain', (message, from) => from.id === 'ours' && message.kind !== 'batch', async (message) => ({ ok: true, kind: message.kind }));

  it('answers its own kinds from senders it lets through', async () => {
    await expect(answer({ to: 'brain', kind: 'reconnect' }, sender)).resolves.toEqual({ ok: true, kind: 'reconnect' });
  });

  it('leaves another context\'s message, a stranger\'s and a malformed one unanswered', () => {
    expect(answer({ to: 'host', kind: 'status', key: 'k' }, sender)).toBeUndefined();
    expect(answer({ to: 'brain', kind: 'reconnect' }, { id: 'theirs' })).toBeUndefined();
    expect(answer({ to: 'brain', kind: 'batch' }, sender)).toBeUndefined();
    for (const junk of [null, 'brain', { to: 'brain' }, { to: 'brain', kind: 7 }]) expect(answer(junk, sender)).toBeUndefined();
  });
});
