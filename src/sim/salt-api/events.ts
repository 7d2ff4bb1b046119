import { type JsonObject } from './json.js';
import { stamp } from './time.js';

/** One event on the master bus, as `/events` serialises it: `{"data": {...}, "tag": "..."}`. */
export interface BusEvent {
  tag: string;
  data: JsonObject;
}

type Listener = (event: BusEvent) => void;

/** The master event bus. Every event gets a `_stamp`; a `_stamp` key already present keeps its position. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  fire(tag: string, data: JsonObject): BusEvent {
    const full: JsonObject = { ...data, _stamp: stamp() };
    const event = { tag, data: full };
    for (const listener of [...this.listeners]) listener(event);
    return event;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
