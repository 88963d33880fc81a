/**
 * Publisher dates → instants. Feeds use RFC 822 ("Tue, 01 Oct 2024 07:00:00 BST"), ISO 8601 with or
 * without a zone and with microseconds, two-digit years, and now and then a Unix epoch. A date
 * without a zone is read as UTC, never as the machine's local time, so a laptop in London and a
 * Lambda in UTC agree.
 */

/** Zone abbreviations Date.parse does not know (it knows UT, UTC, GMT, Z and the US zones). */
const ZONES: Record<string, string> = {
  BST: '+0100',
  IST: '+0100', // Irish Standard Time: the British Isles are the likelier publisher here than India
  CET: '+0100',
  CEST: '+0200',
  MEZ: '+0100',
  MESZ: '+0200',
  EET: '+0200',
  EEST: '+0300',
  WET: '+0000',
  WEST: '+0100',
  MSK: '+0300',
  JST: '+0900',
  KST: '+0900',
  HKT: '+0800',
  SGT: '+0800',
  AWST: '+0800',
  ACST: '+0930',
  ACDT: '+1030',
  AEST: '+1000',
  AEDT: '+1100',
  NZST: '+1200',
  NZDT: '+1300',
};

/** Month names in the languages of feeds we have met (pt, es, fr, de, it); English ones pass through. */
const MONTHS: Record<string, string> = {
  jan: 'Jan',
  janv: 'Jan',
  janeiro: 'Jan',
  ene: 'Jan',
  enero: 'Jan',
  gen: 'Jan',
  januar: 'Jan',
  janvier: 'Jan',
  fev: 'Feb',
  fevereiro: 'Feb',
  févr: 'Feb',
  fevr: 'Feb',
  février: 'Feb',
  febrero: 'Feb',
  febbraio: 'Feb',
  februar: 'Feb',
  mär: 'Mar',
  märz: 'Mar',
  marz: 'Mar',
  mars: 'Mar',
  março: 'Mar',
  marzo: 'Mar',
  abr: 'Apr',
  abril: 'Apr',
  avr: 'Apr',
  avril: 'Apr',
  aprile: 'Apr',
  mai: 'May',
  maio: 'May',
  mayo: 'May',
  mag: 'May',
  maggio: 'May',
  juin: 'Jun',
  junho: 'Jun',
  junio: 'Jun',
  giu: 'Jun',
  giugno: 'Jun',
  juni: 'Jun',
  juil: 'Jul',
  juillet: 'Jul',
  julho: 'Jul',
  julio: 'Jul',
  lug: 'Jul',
  luglio: 'Jul',
  juli: 'Jul',
  ago: 'Aug',
  agosto: 'Aug',
  août: 'Aug',
  aout: 'Aug',
  set: 'Sep',
  setembro: 'Sep',
  sept: 'Sep',
  septembre: 'Sep',
  septiembre: 'Sep',
  settembre: 'Sep',
  out: 'Oct',
  outubro: 'Oct',
  okt: 'Oct',
  oktober: 'Oct',
  octobre: 'Oct',
  octubre: 'Oct',
  ott: 'Oct',
  ottobre: 'Oct',
  novembro: 'Nov',
  novembre: 'Nov',
  noviembre: 'Nov',
  dez: 'Dec',
  dezembro: 'Dec',
  dezember: 'Dec',
  dic: 'Dec',
  diciembre: 'Dec',
  dicembre: 'Dec',
  déc: 'Dec',
  dec: 'Dec',
  décembre: 'Dec',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const ISO_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const RFC_ZONE = /(\b(UTC?|GMT|Z|[ECMP][SD]T)|[+-]\d{4}|[+-]\d{2}:\d{2})$/i;

/** Parses a feed date; undefined when it cannot be read (the caller decides what "missing" means). */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  const text = raw?.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const candidate = epoch(text) ?? (ISO_DATE.test(text) ? isoForm(text) : rfcForm(text));
  const time = Date.parse(candidate);
  if (Number.isFinite(time)) return new Date(time);
  const translated = Date.parse(englishMonths(candidate));
  return Number.isFinite(translated) ? new Date(translated) : undefined;
}

/** "24 Set 2018" (Portuguese) → "24 Sep 2018". Only tried when the date did not parse as it stood. */
function englishMonths(text: string): string {
  return text.replace(/\p{L}+\.?/gu, (word) => MONTHS[word.replace(/\.$/, '').toLowerCase()] ?? word);
}

/** 10-digit seconds or 13-digit milliseconds since 1970, as some dc:date fields carry. */
function epoch(text: string): string | undefined {
  if (/^\d{9,10}$/.test(text)) return new Date(Number(text) * 1000).toISOString();
  if (/^\d{13}$/.test(text)) return new Date(Number(text)).toISOString();
  return undefined;
}

function isoForm(text: string): string {
  const withT = text.replace(/^(\d{4}-\d{2}-\d{2})[ ](\d)/, '$1T$2');
  if (!withT.includes('T') || ISO_ZONE.test(withT)) return withT;
  return `${withT}Z`;
}

function rfcForm(text: string): string {
  const withoutDay = text.replace(/^[^\d,]*,\s*/, '');
  const lastWord = /\b([A-Z]{2,5})$/i.exec(withoutDay)?.[1];
  const zone = lastWord && !/^[AP]M$/i.test(lastWord) ? lastWord : undefined;
  const offset = zone ? ZONES[zone.toUpperCase()] : undefined;
  if (zone && offset) return `${withoutDay.slice(0, -zone.length)}${offset}`;
  if (RFC_ZONE.test(withoutDay)) return withoutDay;
  if (zone && /\d:\d{2}(:\d{2})? [A-Z]{2,5}$/i.test(withoutDay)) return `${withoutDay.slice(0, -zone.length)}GMT`;
  return /\d:\d{2}/.test(withoutDay) ? `${withoutDay} GMT` : `${withoutDay} 00:00 GMT`;
}
