// The indicator worker thread: builds its own Dataset from the ingested data it is sent (the
// declarations' columns on shared memory, the small tables copied) and runs the indicators it is
// given, answering each as it finishes.
import { parentPort } from 'node:worker_threads';
import { tableFromParts } from '../../ingest/parallel/protocol.js';
import { buildDataset, type IngestedData } from '../../model/dataset.js';
import { INDICATORS } from '../index.js';
import { runIndicator } from '../run.js';
import { serializeError, type IndicatorMessage, type IndicatorTask, type Preload } from './indicator-protocol.js';

const port = parentPort;
if (port === null) throw new Error('internal: indicator-worker.js runs as a worker thread only');
const byId = new Map(INDICATORS.map((ind) => [ind.id, ind]));
const post = (m: IndicatorMessage) => port.postMessage(m);

// Tables sent ahead of the task.
const preloaded: Record<string, unknown> = {};

port.on('message', (m: IndicatorTask | Preload) => {
  if ('preload' in m) {
    Object.assign(preloaded, m.preload);
    return;
  }
  try {
    const data: Record<string, unknown> = { ...m.data, declarations: tableFromParts(m.data.declarations) };
    for (const name of m.preloaded) {
      if (!(name in preloaded)) throw new Error(`internal: table ${name} was not sent ahead`);
      data[name] = preloaded[name];
    }
    const ds = buildDataset(data as unknown as IngestedData, m.asOf);
    for (const job of m.jobs) {
      const ind = byId.get(job.id);
      if (ind === undefined) throw new Error(`internal: no indicator ${job.id}`);
      const out = runIndicator(ind, ds, job.params, { asOf: m.asOf });
      post({ type: 'indicator', id: job.id, signals: out.signals, stats: out.stats ?? null });
    }
    post({ type: 'done' });
  } catch (e) {
    post({ type: 'failed', error: serializeError(e) });
  }
});
