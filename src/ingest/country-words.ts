// Country names and nationalities in Dutch and English, folded (values/fold.ts) and with spaces and
// hyphens removed, as ProtectedContentCheck compares them. The countries of the larger groups of
// migrants in the Netherlands come first; the rest covers Europe and the larger countries elsewhere.
// Two-letter codes are left out on purpose (see ProtectedContentCheck).

// [Dutch country, Dutch adjective stem (also +e), English country, English adjective]
const COUNTRIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['nederland', 'nederlands', 'netherlands', 'dutch'],
  ['marokko', 'marokkaans', 'morocco', 'moroccan'],
  ['turkije', 'turks', 'turkey', 'turkish'],
  ['suriname', 'surinaams', 'suriname', 'surinamese'],
  ['syrie', 'syrisch', 'syria', 'syrian'],
  ['polen', 'pools', 'poland', 'polish'],
  ['duitsland', 'duits', 'germany', 'german'],
  ['belgie', 'belgisch', 'belgium', 'belgian'],
  ['indonesie', 'indonesisch', 'indonesia', 'indonesian'],
  ['curacao', 'curacaos', 'curacao', 'curacaoan'],
  ['aruba', 'arubaans', 'aruba', 'aruban'],
  ['nederlandseantillen', 'antilliaans', 'netherlandsantilles', 'antillean'],
  ['bonaire', 'bonairiaans', 'bonaire', 'bonairean'],
  ['sintmaarten', 'sintmaartens', 'saintmartin', 'stmaartener'],
  ['eritrea', 'eritrees', 'eritrea', 'eritrean'],
  ['somalie', 'somalisch', 'somalia', 'somali'],
  ['ethiopie', 'ethiopisch', 'ethiopia', 'ethiopian'],
  ['afghanistan', 'afghaans', 'afghanistan', 'afghan'],
  ['irak', 'iraaks', 'iraq', 'iraqi'],
  ['iran', 'iraans', 'iran', 'iranian'],
  ['oekraine', 'oekraiens', 'ukraine', 'ukrainian'],
  ['rusland', 'russisch', 'russia', 'russian'],
  ['roemenie', 'roemeens', 'romania', 'romanian'],
  ['bulgarije', 'bulgaars', 'bulgaria', 'bulgarian'],
  ['hongarije', 'hongaars', 'hungary', 'hungarian'],
  ['tsjechie', 'tsjechisch', 'czechia', 'czech'],
  ['slowakije', 'slowaaks', 'slovakia', 'slovak'],
  ['litouwen', 'litouws', 'lithuania', 'lithuanian'],
  ['letland', 'lets', 'latvia', 'latvian'],
  ['estland', 'ests', 'estonia', 'estonian'],
  ['joegoslavie', 'joegoslavisch', 'yugoslavia', 'yugoslav'],
  ['bosnie', 'bosnisch', 'bosnia', 'bosnian'],
  ['servie', 'servisch', 'serbia', 'serbian'],
  ['kroatie', 'kroatisch', 'croatia', 'croatian'],
  ['slovenie', 'sloveens', 'slovenia', 'slovenian'],
  ['albanie', 'albanees', 'albania', 'albanian'],
  ['kosovo', 'kosovaars', 'kosovo', 'kosovar'],
  ['macedonie', 'macedonisch', 'macedonia', 'macedonian'],
  ['griekenland', 'grieks', 'greece', 'greek'],
  ['cyprus', 'cypriotisch', 'cyprus', 'cypriot'],
  ['italie', 'italiaans', 'italy', 'italian'],
  ['spanje', 'spaans', 'spain', 'spanish'],
  ['portugal', 'portugees', 'portugal', 'portuguese'],
  ['frankrijk', 'frans', 'france', 'french'],
  ['verenigdkoninkrijk', 'brits', 'unitedkingdom', 'british'],
  ['grootbrittannie', 'engels', 'greatbritain', 'english'],
  ['engeland', 'schots', 'england', 'scottish'],
  ['ierland', 'iers', 'ireland', 'irish'],
  ['luxemburg', 'luxemburgs', 'luxembourg', 'luxembourgish'],
  ['oostenrijk', 'oostenrijks', 'austria', 'austrian'],
  ['zwitserland', 'zwitsers', 'switzerland', 'swiss'],
  ['denemarken', 'deens', 'denmark', 'danish'],
  ['zweden', 'zweeds', 'sweden', 'swedish'],
  ['noorwegen', 'noors', 'norway', 'norwegian'],
  ['finland', 'fins', 'finland', 'finnish'],
  ['ijsland', 'ijslands', 'iceland', 'icelandic'],
  ['witrusland', 'witrussisch', 'belarus', 'belarusian'],
  ['moldavie', 'moldavisch', 'moldova', 'moldovan'],
  ['georgie', 'georgisch', 'georgia', 'georgian'],
  ['armenie', 'armeens', 'armenia', 'armenian'],
  ['azerbeidzjan', 'azerbeidzjaans', 'azerbaijan', 'azerbaijani'],
  ['egypte', 'egyptisch', 'egypt', 'egyptian'],
  ['algerije', 'algerijns', 'algeria', 'algerian'],
  ['tunesie', 'tunesisch', 'tunisia', 'tunisian'],
  ['libie', 'libisch', 'libya', 'libyan'],
  ['soedan', 'soedanees', 'sudan', 'sudanese'],
  ['ghana', 'ghanees', 'ghana', 'ghanaian'],
  ['nigeria', 'nigeriaans', 'nigeria', 'nigerian'],
  ['kaapverdie', 'kaapverdisch', 'capeverde', 'capeverdean'],
  ['angola', 'angolees', 'angola', 'angolan'],
  ['congo', 'congolees', 'congo', 'congolese'],
  ['kameroen', 'kameroens', 'cameroon', 'cameroonian'],
  ['sierraleone', 'sierraleoons', 'sierraleone', 'sierraleonean'],
  ['liberia', 'liberiaans', 'liberia', 'liberian'],
  ['guinee', 'guinees', 'guinea', 'guinean'],
  ['senegal', 'senegalees', 'senegal', 'senegalese'],
  ['kenia', 'keniaans', 'kenya', 'kenyan'],
  ['oeganda', 'oegandees', 'uganda', 'ugandan'],
  ['zuidafrika', 'zuidafrikaans', 'southafrica', 'southafrican'],
  ['jemen', 'jemenitisch', 'yemen', 'yemeni'],
  ['saoediarabie', 'saoedisch', 'saudiarabia', 'saudi'],
  ['libanon', 'libanees', 'lebanon', 'lebanese'],
  ['jordanie', 'jordaans', 'jordan', 'jordanian'],
  ['israel', 'israelisch', 'israel', 'israeli'],
  ['palestina', 'palestijns', 'palestine', 'palestinian'],
  ['pakistan', 'pakistaans', 'pakistan', 'pakistani'],
  ['india', 'indiaas', 'india', 'indian'],
  ['bangladesh', 'bengalees', 'bangladesh', 'bangladeshi'],
  ['srilanka', 'srilankaans', 'srilanka', 'srilankan'],
  ['china', 'chinees', 'china', 'chinese'],
  ['japan', 'japans', 'japan', 'japanese'],
  ['vietnam', 'vietnamees', 'vietnam', 'vietnamese'],
  ['thailand', 'thais', 'thailand', 'thai'],
  ['filipijnen', 'filipijns', 'philippines', 'filipino'],
  ['verenigdestaten', 'amerikaans', 'unitedstates', 'american'],
  ['canada', 'canadees', 'canada', 'canadian'],
  ['mexico', 'mexicaans', 'mexico', 'mexican'],
  ['brazilie', 'braziliaans', 'brazil', 'brazilian'],
  ['argentinie', 'argentijns', 'argentina', 'argentinian'],
  ['colombia', 'colombiaans', 'colombia', 'colombian'],
  ['venezuela', 'venezolaans', 'venezuela', 'venezuelan'],
  ['chili', 'chileens', 'chile', 'chilean'],
  ['peru', 'peruaans', 'peru', 'peruvian'],
  ['cuba', 'cubaans', 'cuba', 'cuban'],
  ['dominicaanserepubliek', 'dominicaans', 'dominicanrepublic', 'dominican'],
  ['australie', 'australisch', 'australia', 'australian'],
];

// Other names and statuses that answer "which nationality": stateless is one.
const EXTRA = ['holland', 'hollands', 'noordmacedonie', 'northmacedonia', 'turkiye', 'tsjechischerepubliek', 'czechrepublic', 'koerdistan',
  'koerdisch', 'kurdistan', 'kurdish', 'staatloos', 'staatloze', 'stateless', 'kaapverdiaans', 'marokaans', 'marokaanse', 'antilliaan', 'antillen'];

function build(): Set<string> {
  const words = new Set<string>(EXTRA);
  for (const [nlCountry, nlAdjective, enCountry, enAdjective] of COUNTRIES) {
    words.add(nlCountry);
    words.add(nlAdjective);
    // Dutch adjectives take an -e (Marokkaanse); a long vowel before one consonant is written single (Surinaams, Surinaamse).
    words.add(nlAdjective + 'e');
    words.add(nlAdjective.replace(/(aa|ee|oo|uu)([^aeiou])$/, (_, v: string, c: string) => v[0] + c) + 'e');
    words.add(enCountry);
    words.add(enAdjective);
  }
  return words;
}

export const COUNTRY_WORDS: ReadonlySet<string> = build();

/** Placeholders for "not known": they say nothing about the column, so they are not judged. */
export const NEUTRAL_VALUES: ReadonlySet<string> = new Set(['onbekend', 'unknown', 'nvt', 'na', 'geen', 'none', 'leeg', 'empty', 'null', 'anders', 'other', 'overig', 'overige']);
