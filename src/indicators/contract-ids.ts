import type { Dataset } from '../model/dataset.js';
import { oncePerDataset } from './once-per-dataset.js';

/**
 * For each declaration, the index in ds.contracts of the agreement its zorgovereenkomst_id names, or -1.
 * Only an agreement of the row's own holder and provider counts: another's does not describe this care.
 * Ids are compared on the packed bytes against the holder's few agreements, once per run of equal ids,
 * so no string is decoded: at a million rows the runs number hundreds of thousands.
 * Computed once per dataset and shared by the rules that join agreements, so read-only: copy it to change it.
 */
export const namedContracts: (ds: Dataset) => ArrayLike<number> = oncePerDataset((ds) => {
  const t = ds.declarations;
  const contracts = ds.contracts ?? [];
  const out = new Int32Array(t.length).fill(-1);
  if (contracts.length === 0) return out;
  // Each holder's agreements as a range of `ofHolder`, with their providers beside them: typed arrays
  // instead of a list and an object per agreement, read at every change of id.
  const from = new Int32Array(ds.holders.length + 1);
  for (const c of contracts) from[c.holder + 1]++;
  for (let h = 0; h < ds.holders.length; h++) from[h + 1] += from[h];
  const fill = from.slice(0, ds.holders.length);
  const ofHolder = new Int32Array(contracts.length);
  const providerOf = new Int32Array(contracts.length);
  contracts.forEach((c, i) => {
    const at = fill[c.holder]++;
    ofHolder[at] = i;
    providerOf[at] = c.provider;
  });
  const values = t.contractId.values;
  const codes = t.contractId.codes;
  let lastCode = -1;
  let lastHolder = -1;
  let lastProvider = -1;
  let named = -1;
  for (let r = 0; r < t.length; r++) {
    const code = codes[r];
    const h = t.holder[r];
    const p = t.provider[r];
    if (code !== lastCode || h !== lastHolder || p !== lastProvider) {
      lastCode = code;
      lastHolder = h;
      lastProvider = p;
      named = -1;
      for (let k = from[h]; k < from[h + 1]; k++) if (providerOf[k] === p && values.equals(code, contracts[ofHolder[k]].id)) named = ofHolder[k];
    }
    out[r] = named;
  }
  return out;
});
