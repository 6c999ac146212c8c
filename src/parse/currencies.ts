/** Currency symbols and codes as CRMs print them, resolved to ISO 4217. */

const SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['USD', 'us$ $us u$s usd$'],
  ['CAD', 'ca$ c$ can$ $ca'],
  ['AUD', 'a$ au$ $au'],
  ['NZD', 'nz$ $nz'],
  ['HKD', 'hk$ $hk'],
  ['SGD', 's$ sg$ $sg'],
  ['MXN', 'mx$ $mx'],
  ['TWD', 'nt$ $nt'],
  ['BRL', 'r$'],
  ['EUR', '€ eur'],
  ['GBP', '£ £gb'],
  ['JPY', 'jp¥ 円'],
  ['CNY', 'cn¥ 元 rmb'],
  ['INR', '₹ rs ₨'],
  ['KRW', '₩ 원'],
  ['RUB', '₽ руб'],
  ['TRY', '₺ tl'],
  ['ILS', '₪'],
  ['VND', '₫'],
  ['PHP', '₱'],
  ['THB', '฿'],
  ['PLN', 'zł'],
  ['CZK', 'kč'],
  ['HUF', 'ft'],
  ['RON', 'lei'],
  ['UAH', '₴'],
  ['NGN', '₦'],
  ['MYR', 'rm'],
  ['IDR', 'rp'],
  ['CHF', 'fr sfr'],
  ['BGN', 'лв'],
  ['CRC', '₡'],
  ['EGP', 'جم'],
];

const BY_SYMBOL = new Map(
  SYMBOLS.flatMap(([code, words]) => words.split(' ').map((w) => [w, code] as const)),
);

/** Symbols whose currency depends on the region: '$' is USD unless the page is Canadian, say. */
const REGIONAL: Readonly<Record<string, { fallback: string; regions: Readonly<Record<string, string>> }>> = {
  $: {
    fallback: 'USD',
    regions: {
      CA: 'CAD',
      AU: 'AUD',
      NZ: 'NZD',
      MX: 'MXN',
      SG: 'SGD',
      HK: 'HKD',
      TW: 'TWD',
      AR: 'ARS',
      CL: 'CLP',
      CO: 'COP',
    },
  },
  kr: { fallback: 'SEK', regions: { NO: 'NOK', SJ: 'NOK', DK: 'DKK', FO: 'DKK', GL: 'DKK', IS: 'ISK' } },
  '¥': { fallback: 'JPY', regions: { CN: 'CNY' } },
};

/** Used only where the runtime lacks `Intl.supportedValuesOf`. */
const COMMON_CODES =
  'USD EUR GBP JPY CNY CHF CAD AUD NZD SEK NOK DKK ISK PLN CZK HUF RON BGN TRY RUB UAH INR KRW SGD HKD TWD MXN BRL ARS CLP COP ZAR ILS AED SAR THB IDR MYR PHP VND NGN EGP';

let codes: ReadonlySet<string> | null = null;

function isoCodes(): ReadonlySet<string> {
  if (!codes) {
    let list: string[] = COMMON_CODES.split(' ');
    try {
      if (typeof Intl.supportedValuesOf === 'function') list = Intl.supportedValuesOf('currency');
    } catch {
      // keep the short list
    }
    codes = new Set(list.map((c) => c.toLowerCase()));
  }
  return codes;
}

/** ISO code for a symbol or code (lower-case, dots removed), given the page's region; null if unknown. */
export function currencyOf(word: string, region: string | null): string | null {
  const regional = REGIONAL[word];
  if (regional) return (region && regional.regions[region]) || regional.fallback;
  const symbol = BY_SYMBOL.get(word);
  if (symbol) return symbol;
  return word.length === 3 && isoCodes().has(word) ? word.toUpperCase() : null;
}

const MULTIPLIER_WORDS: ReadonlyArray<readonly [number, string]> = [
  [3, 'k thousand thousands tsd tausend mille 千'],
  [4, '万 萬'],
  [5, 'lakh lakhs lac lacs'],
  [6, 'm mm mn mio mill million millions millionen millones milioni miljoen miljoner'],
  [7, 'cr crore crores'],
  [8, '億 亿'],
  [9, 'b bn billion billions mrd md milliard milliards milliarde milliarden'],
];

/** Magnitude word after a number → power of ten ("k" → 3, "Mio" → 6, "万" → 4). */
export const MULTIPLIERS: ReadonlyMap<string, number> = new Map(
  MULTIPLIER_WORDS.flatMap(([exp, words]) => words.split(' ').map((w) => [w, exp] as const)),
);
