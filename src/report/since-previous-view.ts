// The part of the report view for scan --previous: what changed since that run, as data with each
// provider's "why" already in the view's language, so report.md and report.html only lay it out.
import type { ChangeStatus, Comparison, ProviderChange } from '../history/compare.js';
import type { SincePrevious } from '../history/since-previous.js';
import { formatNumber, TIER_LABEL, type Lang } from './messages.js';
import { WORDING } from './wording.js';

export interface ProviderChangeView {
  id: string;
  naam: string;
  status: ChangeStatus;
  statusLabel: string;
  tierBefore: string | null;
  tierAfter: string | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  indicatorsAdded: string[];
  indicatorsRemoved: string[];
  /** One sentence: the tier and score change and the indicators gained or lost. */
  why: string;
}

export interface SincePreviousView {
  previousAsOf: string;
  previousManifestSha256: string;
  /** Why the comparison may reflect more than the data (another config or version), as sentences. */
  warnings: string[];
  counts: Comparison['counts'];
  /** New providers and those with a higher tier or an indicator more, in this run's rank order. */
  escalated: ProviderChangeView[];
  /** Providers with no signal any more, in their previous rank order. */
  disappeared: ProviderChangeView[];
  /** Other changes: a lower tier or score, or fewer indicators. */
  otherChanges: ProviderChangeView[];
}

const tierLabel = (tier: string | null, lang: Lang) => (tier === null ? null : (TIER_LABEL[tier as keyof typeof TIER_LABEL]?.[lang] ?? tier));

function changeView(p: ProviderChange, lang: Lang): ProviderChangeView {
  const w = WORDING[lang].sincePrevious;
  const num = (x: number | undefined) => (x === undefined ? null : formatNumber(x, lang));
  const tierBefore = tierLabel(p.before?.tier ?? null, lang);
  const tierAfter = tierLabel(p.after?.tier ?? null, lang);
  return {
    id: p.id,
    naam: p.naam,
    status: p.status,
    statusLabel: w.status[p.status],
    tierBefore: p.before?.tier ?? null,
    tierAfter: p.after?.tier ?? null,
    scoreBefore: p.before?.score ?? null,
    scoreAfter: p.after?.score ?? null,
    indicatorsAdded: p.indicatorsAdded,
    indicatorsRemoved: p.indicatorsRemoved,
    why: w.why(p.status, {
      tierBefore,
      tierAfter,
      scoreBefore: num(p.before?.score),
      scoreAfter: num(p.after?.score),
      indicatorsBefore: p.before?.indicators ?? [],
      indicatorsAfter: p.after?.indicators ?? [],
      added: p.indicatorsAdded,
      removed: p.indicatorsRemoved,
    }),
  };
}

/**
 * setAside: providers whose every signal an analysts' decision set aside. They left the ranking, not the data,
 * so "no signal any more" would be untrue for them.
 */
export function sincePreviousView(since: SincePrevious | null, lang: Lang, setAside: ReadonlySet<string> = new Set()): SincePreviousView | null {
  if (since === null) return null;
  const w = WORDING[lang].sincePrevious;
  const { providers } = since.comparison;
  return {
    previousAsOf: since.previous.asOf,
    previousManifestSha256: since.previous.manifestSha256,
    warnings: since.warnings.map((x) => w.warning(x)),
    counts: since.comparison.counts,
    escalated: providers.filter((p) => p.escalated).map((p) => changeView(p, lang)),
    disappeared: providers
      .filter((p) => p.status === 'verdwenen')
      .map((p) => changeView(p, lang))
      .map((v) => (setAside.has(v.id) ? { ...v, why: w.setAsideWhy } : v)),
    otherChanges: providers.filter((p) => p.status === 'gewijzigd' && !p.escalated).map((p) => changeView(p, lang)),
  };
}
