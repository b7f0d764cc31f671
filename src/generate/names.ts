import type { ProviderSoort } from '../model/types.js';
import type { Prng } from './prng.js';

// Only Latin-1 characters: the 'nl' dialect is written in Windows-1252. The é/ë/ö/ï names
// are there on purpose, so every export exercises the encoding.
const FIRST_NAMES = [
  'André', 'Anouk', 'Chloë', 'Daniëlle', 'Dewi', 'Eva', 'Fatma', 'Gijs', 'Hanneke', 'Ingrid', 'Jeroen', 'Joëlle',
  'Kees', 'Lotte', 'Mark', 'Michaël', 'Mila', 'Noëlle', 'Petra', 'Raphaël', 'René', 'Sanne', 'Sem', 'Sophie',
  'Thijs', 'Willem', 'Yusuf', 'Zoë', 'Desiré', 'Inge', 'Ruud', 'Latifa',
];

const SURNAMES = [
  'de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos',
  'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf',
  'van der Meer', 'Kröger', 'Coenen', 'Hoekstra', 'Verbeek', 'Kaya', 'Postma', 'Nijenhuis',
];

const INSTITUTION_FORMS = ['Stichting', 'Zorggroep', 'Woonzorg', 'Begeleidingshuis', 'Zorgcoöperatie', 'Thuiszorg', 'Dagcentrum'];

const INSTITUTION_CORES = [
  'De Linde', 'Het Anker', 'De Brug', 'Oranjehof', 'Zonnehuis', 'De Eik', 'Het Baken', 'Lindenhof', 'Noorderlicht',
  'Belvédère', 'De Reünie', 'Sociëteit De Kern', 'Café Samen', 'Het Kompas', 'De Horizon', 'Vogelzang',
  'De Ooievaar', 'Het Vlot', 'Zeeuwse Gronden', 'De Vlinder', 'Het Atelier', 'De Kroon', 'Maasoever', 'Daniëlshof',
];

/** Free text in exports sometimes holds the delimiter or quotes; the writers must quote it (RFC 4180). */
const INSTITUTION_ODD = ['Zorg & Welzijn, Oost', 'Wonen "Op Maat"', 'Begeleiding; Herstel en Groei'];

const INSTITUTION_SUFFIXES = ['', '', '', ' B.V.', ' Noord', ' Zuid', ' Oost', ' West'];

const ZZP_FORMS = ['Zorg', 'Begeleiding', 'Thuiszorg', 'Zorg op Maat', 'Coaching'];

export function providerName(rng: Prng, soort: ProviderSoort): string {
  switch (soort) {
    case 'instelling':
      if (rng.chance(0.04)) return rng.pick(INSTITUTION_ODD);
      return `${rng.pick(INSTITUTION_FORMS)} ${rng.pick(INSTITUTION_CORES)}${rng.pick(INSTITUTION_SUFFIXES)}`;
    case 'zzp': {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(SURNAMES);
      return rng.chance(0.5) ? `${first} ${last} ${rng.pick(ZZP_FORMS)}` : `${rng.pick(ZZP_FORMS)} ${first} ${last}`;
    }
    case 'informeel':
      return `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
  }
}
