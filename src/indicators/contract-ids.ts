import type { Dataset } from '../model/dataset.js';
import type { DeclarationTable } from '../model/declaration-table.js';
import type { CareContract } from '../model/types.js';
import { oncePerDataset } from './once-per-dataset.js';

/**
 * For each declaration, the index in ds.contracts of the agreement its zorgovereenkomst_id names, or -1.
 * Only an agreement of the row's own holder and provider counts: another's does not describe this care.
 * Ids are compared on the packed bytes against the holder's few agreements, once per run of equal ids,
 * so no string is decoded: at a million rows the runs number hundreds of thousands.
 * Computed once per dataset and shared by the rules that join agreements, so read-only: copy it to change it.
 */
/** Each holder's agreements from from[h] to from[h + 1] in ofHolder, with their providers and id bytes beside them. */
interface AgreementsOfHolders {
  from: Int32Array;
  ofHolder: Int32Array;
  providerOf: Int32Array;
  /** Where the agreement's id starts in idBytes, -1 for an id beyond ASCII. */
  idFrom: Int32Array;
  idTo: Int32Array;
  idBytes: Uint8Array;
}

/**
 * Fills out[r] with the agreement row r names, in row order. Functions of their own rather than closures in
 * namedContracts, so that the loop over a million rows is compiled for speed soon on its one call.
 */
function nameRows(t: DeclarationTable, contracts: readonly CareContract[], a: AgreementsOfHolders, out: Int32Array): void {
  const { from, ofHolder, providerOf } = a;
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
      for (let k = from[h]; k < from[h + 1]; k++) if (providerOf[k] === p && sameId(t, contracts, a, code, k)) named = ofHolder[k];
    }
    out[r] = named;
  }
}

function sameId(t: DeclarationTable, contracts: readonly CareContract[], a: AgreementsOfHolders, code: number, k: number): boolean {
  const values = t.contractId.values;
  const at = a.idFrom[k];
  if (at === -1) return values.equals(code, contracts[a.ofHolder[k]].id);
  const start = values.offsets[code];
  const n = values.offsets[code + 1] - start;
  if (n !== a.idTo[k] - at) return false;
  const bytes = values.bytes;
  for (let j = 0; j < n; j++) if (bytes[start + j] !== a.idBytes[at + j]) return false;
  return true;
}

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
  // The ids as bytes beside them, compared byte for byte with the packed values; an id with a character
  // beyond ASCII (idFrom[k] = -1) is compared as a string.
  const idFrom = new Int32Array(contracts.length);
  const idTo = new Int32Array(contracts.length);
  let size = 0;
  for (const c of contracts) size += c.id.length;
  const idBytes = new Uint8Array(size);
  let end = 0;
  for (let k = 0; k < contracts.length; k++) {
    const id = contracts[ofHolder[k]].id;
    let ascii = true;
    for (let j = 0; j < id.length && ascii; j++) ascii = id.charCodeAt(j) < 0x80;
    if (!ascii) {
      idFrom[k] = -1;
      continue;
    }
    idFrom[k] = end;
    for (let j = 0; j < id.length; j++) idBytes[end++] = id.charCodeAt(j);
    idTo[k] = end;
  }
  nameRows(t, contracts, { from, ofHolder, providerOf, idFrom, idTo, idBytes }, out);
  return out;
}, ['declared-exceeds-contract', 'family-contract-intensity']);
