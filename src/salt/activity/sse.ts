import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { toStreamFrame, type ActivityEventView } from './schema.js';
import type { ActivityStream } from './stream.js';

/** `id:` lets a reconnecting EventSource send `Last-Event-ID`; `data:` is the frame's JSON. */
export const formatFrame = (event: ActivityEventView): string => `id: ${event.id}\ndata: ${JSON.stringify(toStreamFrame(event))}\n\n`;

export const KEEPALIVE = ': keepalive\n\n';

/** Resolves when the socket can take more, or the stream ended while waiting. */
function drained(res: ServerResponse, stream: ActivityStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      resolve();
    };
    res.once('drain', done);
    void stream.closed.then(done);
  });
}

/**
 * Takes the response over from Fastify and writes `stream` as server-sent events: frames as they
 * come, a keepalive comment every `keepaliveMs`, nothing more once the client leaves. A client
 * that cannot keep up is disconnected; it never slows the others or the ingest.
 */
export function sendEventStream(reply: FastifyReply, stream: ActivityStream): FastifyReply {
  reply.hijack();
  const res = reply.raw;
  // Headers set before the takeover (request id, a renewed session cookie) still go out.
  const earlier = Object.entries(reply.getHeaders()).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined);
  res.writeHead(200, {
    ...Object.fromEntries(earlier),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  const keepalive = setInterval(() => {
    if (!res.writableNeedDrain) res.write(KEEPALIVE);
  }, stream.keepaliveMs);
  const onGone = () => stream.close();
  res.on('close', onGone);
  res.on('error', onGone);

  const pump = async () => {
    for await (const event of stream) {
      if (res.write(formatFrame(event))) continue;
      stream.setBlocked(true);
      await drained(res, stream);
      stream.setBlocked(false);
    }
  };
  void pump().catch(onGone).finally(() => {
    clearInterval(keepalive);
    res.off('close', onGone);
    stream.close();
    if (stream.cutOff) res.destroy();
    else res.end();
  });
  return reply;
}
