import { expect } from 'vitest';
import { captureJson } from './support.js';
import { shapeDiff, type Json, type ShapeOptions } from './shape.js';

/** Minion ids and the master id of the capture rig: objects keyed by them are maps. */
const CAPTURE_IDS = ['cache-01', 'db-01', 'web-01', 'new-01', 'rig-master'];

/** Shape rules shared by every capture. */
export const BASE_SHAPE: ShapeOptions = {
  knownIds: CAPTURE_IDS,
  // Interfaces are keyed by name (the rig has ifb0/ifb1, the simulated fleet docker0).
  maps: ['**.ip4_interfaces', '**.ip6_interfaces', '**.hwaddr_interfaces', '**.ip_interfaces'],
  // State `changes` are module-specific; job `Arguments` are whatever was sent.
  any: ['**.changes', '**.Arguments'],
  // Custom grains of the rig (`rig`) and of the simulated fleet (`datacenter`, `env`).
  ignoreKeys: ['rig', 'datacenter', 'env'],
};

/** Asserts that `actual` has the shape of the named capture (plus extra rules for this one). */
export function expectCaptureShape(capture: string, actual: Json, extra: ShapeOptions = {}): void {
  expectShape(captureJson(capture), actual, extra, capture);
}

export function expectShape(expected: Json, actual: Json, extra: ShapeOptions = {}, label = 'capture'): void {
  const opts: ShapeOptions = {
    knownIds: [...(BASE_SHAPE.knownIds ?? []), ...(extra.knownIds ?? [])],
    maps: [...(BASE_SHAPE.maps ?? []), ...(extra.maps ?? [])],
    any: [...(BASE_SHAPE.any ?? []), ...(extra.any ?? [])],
    ignoreKeys: [...(BASE_SHAPE.ignoreKeys ?? []), ...(extra.ignoreKeys ?? [])],
  };
  expect(shapeDiff(expected, actual, opts), `shape differs from ${label}`).toEqual([]);
}
