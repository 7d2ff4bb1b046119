import { describe, expect, it } from 'vitest';
import { decodeSaltEvents, toRawEvent } from '../../../src/salt/client/sse.js';
import { captureStreamBody, chunked } from './captures.js';

async function collect(chunks: Iterable<Uint8Array | string>) {
  const events = [];
  async function* source() {
    yield* chunks;
  }
  for await (const event of decodeSaltEvents(source())) events.push(event);
  return events;
}

describe('decodeSaltEvents', () => {
  it('decodes the same events whatever the chunking, bytes split inside UTF-8 sequences included', async () => {
    const body = captureStreamBody('events2.txt');
    const whole = await collect([body]);
    for (const seed of [1, 2, 3]) expect(await collect(chunked(body, seed))).toEqual(whole);
    const bytes = new TextEncoder().encode('data: {"tag": "t/ü", "data": {"x": "é"}}\n\n');
    expect(await collect([...bytes].map((b) => Uint8Array.of(b)))).toEqual([{ tag: 't/ü', data: { x: 'é' } }]);
  });

  it('handles CRLF line ends and the retry field', async () => {
    expect(await collect(['retry: 400\r\n\r\ntag: a\r\ndata: {"tag": "a", "data": {"n": 1}}\r\n\r\n'])).toEqual([{ tag: 'a', data: { n: 1 } }]);
  });

  it('skips frames that are not JSON or carry no tag, and uses the tag: field as a fallback', async () => {
    const stream = [
      'data: not json\n\n',
      'data: {"data": {"n": 1}}\n\n',
      'tag: from-field\ndata: {"data": {"n": 2}}\n\n',
      'data: [1, 2]\n\n',
      ': a comment\n\n',
      'data: {"tag": "ok", "data": "scalar"}\n\n',
    ];
    expect(await collect(stream)).toEqual([{ tag: 'from-field', data: { n: 2 } }, { tag: 'ok', data: {} }]);
  });

  it('drops an event the stream cut off before its blank line', async () => {
    expect(await collect(['data: {"tag": "a", "data": {}}\n\ndata: {"tag": "b", "data": {}}\n'])).toEqual([{ tag: 'a', data: {} }]);
  });

  it('parses a payload on its own', () => {
    expect(toRawEvent('{"tag": "x", "data": {"a": 1}}')).toEqual({ tag: 'x', data: { a: 1 } });
    expect(toRawEvent('{"data": {}}', 'y')).toEqual({ tag: 'y', data: {} });
    expect(toRawEvent('{"data": {}}')).toBeNull();
  });
});
