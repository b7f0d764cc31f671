import { INDICATORS } from '../indicators/index.js';
import type { SharedProvider, ToetsResult } from './toets.js';

const TITLES = new Map(INDICATORS.map((i) => [i.id, i.title.nl]));
const STATUS = { geldig: 'geldig', verlopen: 'verlopen', 'nog-niet-geldig': 'nog niet geldig' } as const;

/** Text from the register file shown on a terminal: no control character can move the cursor or colour the screen. */
const safe = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** The Dutch text of a toets for a terminal: what was checked, what was found, and that it is no verdict. */
export function toetsText(r: ToetsResult): string {
  const out: string[] = [];
  out.push(`Aandachtspunten vóór contractering (peildatum ${r.peildatum})`);
  out.push('Geen oordeel over de zorgverlener: elk punt is een reden om na te vragen voordat een contract wordt getekend.', '');
  out.push(`Getoetste sleutels: ${Object.entries(r.sleutels).map(([k, v]) => `${k} ${safe(v)}`).join(', ')}`, '');
  if (r.register === null) out.push('Waarschuwingsregister: niet getoetst (geen --register).');
  else {
    out.push(`Waarschuwingsregister (${safe(r.register.bestand)}): ${r.register.vermeldingen.length === 0 ? 'geen vermelding.' : `${r.register.vermeldingen.length} vermelding(en).`}`);
    for (const v of r.register.vermeldingen)
      out.push(
        `  - ${v.sleutel_soort} ${safe(v.sleutel)}: ${STATUS[v.status]}; geregistreerd op ${v.geregistreerd_op}, ${v.vervalt_op === null ? 'zonder einddatum' : `vervalt op ${v.vervalt_op}`}` +
          `${v.grond === null ? '' : `; grond: ${safe(v.grond)}`} (regel ${v.regel})`,
      );
    if (r.register.afgewezen_regels > 0)
      out.push(`  Let op: ${r.register.afgewezen_regels} regel(s) van het register afgewezen (pgb-scan validate --waarschuwingsregister ... noemt ze); een vermelding kan daardoor ontbreken.`);
  }
  out.push('');
  if (r.scan === null) out.push('Zorgverleners in de scan: niet getoetst (geen --run).');
  else {
    const current = r.scan.zorgverleners.filter((p) => !p.mogelijke_voorganger);
    const stopped = r.scan.zorgverleners.filter((p) => p.mogelijke_voorganger);
    out.push(`Zorgverleners in de scan (${safe(r.scan.map)}, peildatum ${r.scan.peildatum}) met een gedeelde sleutel: ${current.length === 0 ? 'geen.' : `${current.length}.`}`);
    for (const p of current) out.push(`  - ${providerLine(p)}`);
    out.push('', `Mogelijke voorganger (gestopte zorgverlener met een gedeelde sleutel, doorstart onder een nieuwe naam): ${stopped.length === 0 ? 'geen.' : `${stopped.length}.`}`);
    for (const p of stopped) out.push(`  - ${providerLine(p)}; gestopt op ${p.gestopt_op}`);
  }
  out.push('');
  out.push(
    r.aandachtspunten === 0
      ? 'Geen aandachtspunten gevonden in wat is getoetst.'
      : `${r.aandachtspunten} aandachtspunt(en). Vraag na wat erachter zit; een gedeelde sleutel of een vermelding kan een onschuldige verklaring hebben (een nieuwe huurder op een adres, een administratiekantoor).`,
  );
  return out.join('\n') + '\n';
}

function providerLine(p: SharedProvider): string {
  const ranking =
    p.tier === null
      ? p.besluiten.length > 0
        ? 'signalen in de scan, alle buiten de ranglijst door een besluit'
        : 'geen signaal in de scan'
      : `score ${p.score}, ${p.tier}; signalen: ${p.indicatoren.map((i) => `${i} (${TITLES.get(i) ?? i})`).join(', ')}`;
  const decisions = p.besluiten.length === 0 ? '' : `; besluiten: ${p.besluiten.map(safe).join(', ')}`;
  return `${safe(p.zorgverlener_id)} deelt ${p.gedeelde_sleutels.join(', ')}: ${ranking}${p.netwerk === null ? '' : `; netwerk ${safe(p.netwerk)}`}${decisions}`;
}
